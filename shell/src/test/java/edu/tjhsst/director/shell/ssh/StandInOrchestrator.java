package edu.tjhsst.director.shell.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.SignatureRejectedException;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.terminal.TerminalFrames;

/**
 * The orchestrator's terminal WebSocket, played from a script: the handshake must be signed by {@code shell} and
 * carry a token the stand-in manager gave out (once). Commands {@code exit N}, {@code echo X} and {@code cat};
 * shells greet, echo input and end on the end of input; SFTP runs a real {@code sftp-server} in a directory.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSocket
class StandInOrchestrator implements WebSocketConfigurer {

	static volatile SigningKey shellKey;

	static volatile StandInManager manager;

	static volatile Path sftpRoot;

	static final List<String> controls = new CopyOnWriteArrayList<>();

	static final List<String> refusals = new CopyOnWriteArrayList<>();

	/** Terminal connections open right now. */
	static final AtomicInteger open = new AtomicInteger();

	private static final ObjectMapper JSON = new ObjectMapper();

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		SignatureVerifier verifier = new SignatureVerifier(Map.of("shell", Caller.anyPath(shellKey)));
		registry.addHandler(new Terminal(), TerminalFrames.PATH).addInterceptors(new HandshakeInterceptor() {

			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler handler, Map<String, Object> attributes) {
				String path = request.getURI().getRawPath() + "?" + request.getURI().getRawQuery();
				try {
					verifier.verify("GET", path, new byte[0], request.getHeaders()::getFirst);
				}
				catch (SignatureRejectedException ex) {
					refusals.add("signature: " + ex.getMessage());
					response.setStatusCode(HttpStatus.UNAUTHORIZED);
					return false;
				}
				String query = request.getURI().getQuery();
				String token = query != null && query.startsWith("token=") ? query.substring(6) : "";
				StandInManager.Grant grant = manager.tokens.remove(token);
				if (grant == null) {
					refusals.add("token");
					response.setStatusCode(HttpStatus.FORBIDDEN);
					return false;
				}
				attributes.put("grant", grant);
				return true;
			}

			@Override
			public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler handler, Exception exception) {
			}

		});
	}

	/** Plays one session per connection according to its grant. */
	static final class Terminal extends AbstractWebSocketHandler {

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws Exception {
			open.incrementAndGet();
			StandInManager.Grant grant = grant(session);
			switch (grant.mode()) {
				case "SHELL" -> out(session, TerminalFrames.STDOUT, "welcome to " + grant.site() + "\n");
				case "SFTP" -> sftp(session);
				default -> {
					String command = grant.command();
					if (command.startsWith("exit ")) {
						exit(session, Integer.parseInt(command.substring(5).strip()));
					}
					else if (command.startsWith("echo ")) {
						out(session, TerminalFrames.STDOUT, command.substring(5) + "\n");
						out(session, TerminalFrames.STDERR, "to stderr\n");
						exit(session, 0);
					}
				}
			}
		}

		private static void sftp(WebSocketSession session) throws IOException {
			Process process = new ProcessBuilder("/usr/lib/openssh/sftp-server").directory(sftpRoot.toFile())
				.redirectError(ProcessBuilder.Redirect.DISCARD).start();
			session.getAttributes().put("process", process);
			Thread pump = new Thread(() -> {
				try (InputStream in = process.getInputStream()) {
					byte[] buffer = new byte[8192];
					int read;
					while ((read = in.read(buffer)) >= 0) {
						byte[] frame = new byte[read + 1];
						frame[0] = TerminalFrames.STDOUT;
						System.arraycopy(buffer, 0, frame, 1, read);
						send(session, new BinaryMessage(frame));
					}
					exit(session, process.waitFor());
				}
				catch (IOException | InterruptedException ex) {
					// the connection ended first
				}
			}, "stand-in-sftp");
			pump.setDaemon(true);
			pump.start();
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
			ByteBuffer payload = message.getPayload();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			if (session.getAttributes().get("process") instanceof Process process) {
				OutputStream in = process.getOutputStream();
				in.write(bytes);
				in.flush();
			}
			else {
				out(session, TerminalFrames.STDOUT, new String(bytes, StandardCharsets.UTF_8));
			}
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			controls.add(message.getPayload());
			JsonNode node = JSON.readTree(message.getPayload());
			if ("eof".equals(node.path("type").asText())) {
				if (session.getAttributes().get("process") instanceof Process process) {
					process.getOutputStream().close();
				}
				else {
					exit(session, 0);
				}
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			open.decrementAndGet();
			if (session.getAttributes().get("process") instanceof Process process) {
				process.destroy();
			}
		}

		private static StandInManager.Grant grant(WebSocketSession session) {
			return (StandInManager.Grant) session.getAttributes().get("grant");
		}

		private static void out(WebSocketSession session, byte stream, String text) throws IOException {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			byte[] frame = new byte[bytes.length + 1];
			frame[0] = stream;
			System.arraycopy(bytes, 0, frame, 1, bytes.length);
			send(session, new BinaryMessage(frame));
		}

		private static void exit(WebSocketSession session, int code) throws IOException {
			send(session, new TextMessage("{\"type\":\"exit\",\"code\":" + code + "}"));
			synchronized (session) {
				if (session.isOpen()) {
					session.close(CloseStatus.NORMAL);
				}
			}
		}

		private static void send(WebSocketSession session, org.springframework.web.socket.WebSocketMessage<?> message)
				throws IOException {
			synchronized (session) {
				if (session.isOpen()) {
					session.sendMessage(message);
				}
			}
		}

	}

}
