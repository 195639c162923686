package edu.tjhsst.director.orchestrator.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import edu.tjhsst.director.common.terminal.TerminalFrames;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalTokenException;
import edu.tjhsst.director.common.terminal.TerminalTokens;

/**
 * Accepts a terminal handshake only with a token that verifies, spending it; otherwise answers 403 with the reason as
 * text, before any container is touched. The request's signature was checked before, by the signed request filter.
 */
final class TokenHandshakeInterceptor implements HandshakeInterceptor {

	/** The session attribute that holds the verified grant. */
	static final String GRANT = TokenHandshakeInterceptor.class.getName() + ".grant";

	private static final Logger log = LoggerFactory.getLogger(TokenHandshakeInterceptor.class);

	private final TerminalTokens tokens;

	TokenHandshakeInterceptor(TerminalTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) throws IOException {
		String token = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams()
			.getFirst(TerminalFrames.TOKEN_PARAMETER);
		try {
			attributes.put(GRANT, tokens.verify(token));
			return true;
		}
		catch (TerminalTokenException ex) {
			log.warn("refused a terminal from {}: {}", request.getRemoteAddress(), ex.getMessage());
			response.setStatusCode(HttpStatus.FORBIDDEN);
			response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
			byte[] body = ex.getMessage().getBytes(StandardCharsets.UTF_8);
			response.getHeaders().setContentLength(body.length);
			response.getBody().write(body);
			return false;
		}
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	/** The grant a session was opened with. */
	static TerminalGrant grant(Map<String, Object> attributes) {
		return (TerminalGrant) attributes.get(GRANT);
	}

}
