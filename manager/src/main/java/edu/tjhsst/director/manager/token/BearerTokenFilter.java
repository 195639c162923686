package edu.tjhsst.director.manager.token;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import edu.tjhsst.director.manager.api.ApiProblems;

/**
 * Signs an API call in with the token in its {@code Authorization: Bearer} header. A call without the header goes on
 * unsigned (and is refused by the chain's rules with a 401); one with a token that does not work is refused here, with
 * why, and goes no further.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiTokens tokens;

	BearerTokenFilter(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		TokenAuthentication caller;
		try {
			if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				throw new TokenRefusedException("Send the token as Authorization: Bearer <token>.");
			}
			caller = tokens.authenticate(header.substring(BEARER.length()).strip(), request.getRemoteAddr());
		}
		catch (TokenRefusedException ex) {
			refuse(response, "invalid_token", ex.getMessage());
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(caller);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/**
	 * A 401 that says why, with the header RFC 6750 asks for.
	 * @param error its error code, or null for a call that sent no token (which RFC 6750 gives none)
	 */
	static void refuse(HttpServletResponse response, String error, String why) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer realm=\"director\"" + (error == null ? "" : ", error=\"" + error + "\""));
		ApiProblems.write(response, ApiProblems.problem(HttpStatus.UNAUTHORIZED, why));
	}

}
