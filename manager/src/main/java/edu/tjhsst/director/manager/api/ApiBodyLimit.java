package edu.tjhsst.director.manager.api;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import edu.tjhsst.director.common.web.CachedBodyRequest;

/**
 * Refuses an API call whose body is larger than the call takes (a file's content up to 16 MiB, any other body up to
 * 64 KiB), with a 413 problem, before it is read into memory:
 * Tomcat's own limit covers form posts only, and JSON would otherwise be buffered whole, however large. A body of
 * unstated length (chunked) is read up to the limit and passed on from memory.
 */
public final class ApiBodyLimit extends OncePerRequestFilter {

	/** Far more than any call's JSON: a site's description is at most 500 characters. */
	public static final int MAX_BYTES = 64 * 1024;

	/** A file's bytes written through the files API: as large as the editor's. */
	public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

	private static final Pattern FILE_CONTENT = Pattern.compile("/api/v1/sites/[0-9]{1,18}/files/content");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean file = "PUT".equals(request.getMethod()) && FILE_CONTENT.matcher(request.getRequestURI()).matches();
		int limit = file ? MAX_FILE_BYTES : MAX_BYTES;
		long length = request.getContentLengthLong();
		if (length > limit) {
			tooLarge(response, limit);
			return;
		}
		// A file's body is read by its controller, which stops past the limit, after the site's access check and
		// only a few at a time: not buffered here too.
		if (length >= 0 || file) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(limit + 1);
		if (body.length > limit) {
			tooLarge(response, limit);
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private static void tooLarge(HttpServletResponse response, int limit) throws IOException {
		ApiProblems.write(response, ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE,
				"The body is larger than this call takes (" + limit / 1024 + " KiB)."));
	}

}
