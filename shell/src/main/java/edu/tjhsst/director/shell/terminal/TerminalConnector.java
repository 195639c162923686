package edu.tjhsst.director.shell.terminal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.terminal.TerminalControl;
import edu.tjhsst.director.common.terminal.TerminalControlCodec;
import edu.tjhsst.director.common.terminal.TerminalFrames;

/** Opens the orchestrator's terminal WebSocket with a token, the handshake signed as caller {@code shell}. */
public class TerminalConnector {

	private final URI orchestrator;

	private final RequestSigner signer;

	private final HttpClient http;

	public TerminalConnector(URI orchestrator, RequestSigner signer) {
		this.orchestrator = orchestrator;
		this.signer = signer;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	}

	/**
	 * Connects and starts delivering the session's output to the listener.
	 * @throws IllegalStateException with a message for the user when the orchestrator refuses or cannot be reached
	 */
	public TerminalConnection open(String token, TerminalListener listener) {
		String pathAndQuery = TerminalFrames.PATH + "?" + TerminalFrames.TOKEN_PARAMETER + "="
				+ URLEncoder.encode(token, StandardCharsets.UTF_8);
		String scheme = "https".equals(orchestrator.getScheme()) ? "wss" : "ws";
		URI uri = URI.create(scheme + "://" + orchestrator.getRawAuthority() + pathAndQuery);
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		signer.headers("GET", pathAndQuery, new byte[0]).forEach(builder::header);
		try {
			return new TerminalConnection(builder.buildAsync(uri, new Frames(listener)).get(30, TimeUnit.SECONDS));
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException handshake) {
				Object body = handshake.getResponse().body();
				String text = body instanceof String s && !s.isBlank() ? s.strip() : "";
				throw new IllegalStateException("the orchestrator refused the terminal (HTTP "
						+ handshake.getResponse().statusCode() + (text.isEmpty() ? "" : ": " + text) + ")");
			}
			throw new IllegalStateException("cannot reach the orchestrator: " + ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the orchestrator did not answer");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while connecting to the orchestrator");
		}
	}

	/** Turns WebSocket frames into listener calls; the listener hears exactly one of exit or error. */
	private final class Frames implements WebSocket.Listener {

		private final TerminalListener listener;

		private final AtomicBoolean ended = new AtomicBoolean();

		private final StringBuilder text = new StringBuilder();

		private boolean midBinary;

		private boolean stderr;

		Frames(TerminalListener listener) {
			this.listener = listener;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
			// A message may arrive in parts; only its first part starts with the stream byte.
			if (!midBinary && data.hasRemaining()) {
				stderr = data.get() == TerminalFrames.STDERR;
			}
			midBinary = !last;
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			if (bytes.length > 0 && !ended.get()) {
				listener.output(stderr, bytes);
			}
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			text.append(data);
			if (last) {
				String message = text.toString();
				text.setLength(0);
				control(message);
			}
			socket.request(1);
			return null;
		}

		private void control(String message) {
			Optional<TerminalControl> control;
			try {
				control = TerminalControlCodec.decode(message);
			}
			catch (IllegalArgumentException ex) {
				// An unreadable control message is ignored; the close that follows ends the session.
				return;
			}
			if (control.orElse(null) instanceof TerminalControl.Exit exit && ended.compareAndSet(false, true)) {
				listener.exit((int) exit.code());
			}
			else if (control.orElse(null) instanceof TerminalControl.Failure failure
					&& ended.compareAndSet(false, true)) {
				listener.error(failure.message());
			}
		}

		@Override
		public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
			if (ended.compareAndSet(false, true)) {
				listener.error("the terminal closed" + (reason == null || reason.isBlank() ? "" : ": " + reason));
			}
			socket.abort();
			return null;
		}

		@Override
		public void onError(WebSocket socket, Throwable error) {
			if (ended.compareAndSet(false, true)) {
				listener.error("the terminal connection failed: " + error.getMessage());
			}
		}

	}

}
