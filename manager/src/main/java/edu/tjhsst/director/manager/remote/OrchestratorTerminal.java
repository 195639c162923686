package edu.tjhsst.director.manager.remote;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.terminal.TerminalFrames;

/** Opens the orchestrator's terminal WebSocket for a token, with the manager's signature on the handshake. */
public class OrchestratorTerminal {

	private final URI base;

	private final RequestSigner signer;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** @param orchestratorUrl the orchestrator's http(s) address; its WebSocket is at the ws(s) one */
	OrchestratorTerminal(URI orchestratorUrl, RequestSigner signer) {
		String scheme = "https".equals(orchestratorUrl.getScheme()) ? "wss" : "ws";
		String path = orchestratorUrl.getRawPath() == null ? "" : orchestratorUrl.getRawPath().replaceAll("/+$", "");
		this.base = URI.create(scheme + "://" + orchestratorUrl.getRawAuthority() + path);
		this.signer = signer;
	}

	/**
	 * Starts the handshake; the future fails when the orchestrator refuses it (a bad token answers 403).
	 * @param token a terminal token: base64url and one dot, so it needs no escaping in the query
	 */
	public CompletableFuture<WebSocket> open(String token, WebSocket.Listener listener) {
		if (!token.matches("^[A-Za-z0-9_.-]+$")) {
			throw new IllegalArgumentException("a terminal token is base64url with one dot");
		}
		String pathAndQuery = TerminalFrames.PATH + "?" + TerminalFrames.TOKEN_PARAMETER + "=" + token;
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		signer.headers("GET", base.getRawPath() + pathAndQuery, new byte[0]).forEach(builder::header);
		return builder.buildAsync(URI.create(base + pathAndQuery), listener);
	}

}
