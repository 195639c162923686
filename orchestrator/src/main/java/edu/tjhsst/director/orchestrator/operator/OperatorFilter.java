package edu.tjhsst.director.orchestrator.operator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import edu.tjhsst.director.common.signing.SignedRequestFilter;
import edu.tjhsst.director.common.web.CachedBodyRequest;
import edu.tjhsst.director.common.web.JsonError;

/**
 * The door of the operator API: a request whose path starts with {@code /operator/} must carry a live operator's token
 * ({@code Authorization: Bearer dop_...}), or it gets 401; with one, it goes on named as that operator
 * ({@link SignedRequestFilter#CALLER_ATTRIBUTE} {@code operator:<name>}), past the signature check, to the operator
 * controllers alone ({@link OperatorBoundary}). Every such request, let through or not, is put on record
 * ({@link OperatorAudit}). Other paths are the signature check's.
 */
class OperatorFilter extends HttpFilter {

	/** What a caller an operator's token named is called. */
	static final String CALLER_PREFIX = "operator:";

	/** The largest body an operator call may carry: its bodies are a few words of JSON. */
	static final int MAX_BODY_BYTES = 16 * 1024;

	/**
	 * Paths as they arrive, before any decoding: plain segments only, so that no {@code ..}, {@code ;} or
	 * percent-escape can make a path that starts here reach another controller.
	 */
	private static final Pattern PLAIN_PATH = Pattern.compile("/operator(/(?!\\.\\.?(/|$))[A-Za-z0-9._-]+)+");

	private final OperatorTokens tokens;

	private final OperatorAudit audit;

	private final Clock clock;

	OperatorFilter(OperatorTokens tokens, OperatorAudit audit, Clock clock) {
		this.tokens = tokens;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String path = request.getRequestURI();
		if (!path.startsWith("/operator/") && !path.equals("/operator")) {
			chain.doFilter(request, response);
			return;
		}
		Instant start = clock.instant();
		String operator = null;
		try {
			operator = bearer(request).flatMap(tokens::operator).orElse(null);
			if (operator == null) {
				response.setHeader("WWW-Authenticate", "Bearer realm=\"director-operator\"");
				reject(response, 401, "an operator's live token is needed (Authorization: Bearer dop_...)");
			}
			else if (!PLAIN_PATH.matcher(path).matches()) {
				reject(response, 400, "an operator path is plain segments of letters, digits, '.', '_' and '-'");
			}
			else if (request.getContentLengthLong() > MAX_BODY_BYTES) {
				reject(response, 413, "request body is too large");
			}
			else {
				byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
				if (body.length > MAX_BODY_BYTES) {
					reject(response, 413, "request body is too large");
					return;
				}
				request.setAttribute(SignedRequestFilter.CALLER_ATTRIBUTE, CALLER_PREFIX + operator);
				chain.doFilter(new CachedBodyRequest(request, body), response);
			}
		}
		finally {
			String query = request.getQueryString();
			audit.record(new OperatorCall(start, operator, request.getRemoteAddr(), request.getMethod(),
					query == null ? path : path + "?" + query, response.getStatus(),
					Duration.between(start, clock.instant()).toMillis()));
		}
	}

	private static Optional<String> bearer(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.startsWith("Bearer ") ? Optional.of(header.substring("Bearer ".length()).strip())
				: Optional.empty();
	}

	private static void reject(HttpServletResponse response, int status, String reason) throws IOException {
		JsonError.write(response, status, reason);
	}

}
