package edu.tjhsst.director.common.signing;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.common.web.CachedBodyRequest;
import edu.tjhsst.director.common.web.JsonError;

/**
 * Lets through only requests signed by a known caller, or whose caller an earlier filter of the server's own named in
 * {@link #CALLER_ATTRIBUTE}; everything else gets 401 with a short reason.
 */
public class SignedRequestFilter extends HttpFilter {

	/** The request attribute that holds the verified caller's name. */
	public static final String CALLER_ATTRIBUTE = SignedRequestFilter.class.getName() + ".caller";

	private static final Logger log = LoggerFactory.getLogger(SignedRequestFilter.class);

	private final SignatureVerifier verifier;

	private final Set<String> openPaths;

	private final int maxBodyBytes;

	private final MeterRegistry registry;

	/**
	 * @param openPaths exact paths served without a signature (health checks); they must reveal nothing
	 * @param maxBodyBytes the largest body accepted; larger ones get 413 before anything is verified
	 * @param registry where each refusal is counted, as {@code director_signed_calls_refused_total} by {@code status}
	 *        (401: unsigned, badly signed, stale or replayed; 413: too large)
	 */
	public SignedRequestFilter(SignatureVerifier verifier, Set<String> openPaths, int maxBodyBytes,
			MeterRegistry registry) {
		this.verifier = verifier;
		this.openPaths = Set.copyOf(openPaths);
		this.maxBodyBytes = maxBodyBytes;
		this.registry = registry;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getAttribute(CALLER_ATTRIBUTE) != null) {
			// A filter of this server's own that runs before this one authenticated the caller otherwise (an
			// operator's token on the operator API); a client cannot set a request attribute.
			chain.doFilter(request, response);
			return;
		}
		String path = request.getRequestURI();
		if (openPaths.contains(path) && "GET".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > maxBodyBytes) {
			reject(response, 413, "request body is too large");
			return;
		}
		byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
		if (body.length > maxBodyBytes) {
			reject(response, 413, "request body is too large");
			return;
		}
		String pathAndQuery = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
		String caller;
		try {
			caller = verifier.verify(request.getMethod(), pathAndQuery, body, request::getHeader);
		}
		catch (SignatureRejectedException ex) {
			log.warn("refused {} {} from {}: {}", request.getMethod(), path, request.getRemoteAddr(), ex.getMessage());
			reject(response, 401, ex.getMessage());
			return;
		}
		request.setAttribute(CALLER_ATTRIBUTE, caller);
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private void reject(HttpServletResponse response, int status, String reason) throws IOException {
		registry.counter("director.signed.calls.refused", "status", Integer.toString(status)).increment();
		JsonError.write(response, status, reason);
	}

}
