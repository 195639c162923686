package edu.tjhsst.director.manager.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import edu.tjhsst.director.common.web.CachedBodyRequest;

/**
 * Refuses an API call whose body is larger than any call takes, with a 413 problem, before it is read into memory:
 * Tomcat's own limit covers form posts only, and JSON would otherwise be buffered whole, however large. A body of
 * unstated length (chunked) is read up to the limit and passed on from memory.
 */
public final class ApiBodyLimit extends OncePerRequestFilter {

	/** Far more than any call's JSON: a site's description is at most 500 characters. */
	public static final int MAX_BYTES = 64 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > MAX_BYTES) {
			tooLarge(response);
			return;
		}
		if (length >= 0) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
		if (body.length > MAX_BYTES) {
			tooLarge(response);
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private static void tooLarge(HttpServletResponse response) throws IOException {
		ApiProblems.write(response, ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE,
				"The body is larger than any API call takes (" + MAX_BYTES / 1024 + " KiB)."));
	}

}
