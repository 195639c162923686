package edu.tjhsst.director.manager;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.SignatureRejectedException;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.terminal.TerminalFrames;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalTokenException;
import edu.tjhsst.director.common.terminal.TerminalTokens;

/**
 * Stands in for the orchestrator's terminal WebSocket in manager tests, on a plain server socket: it checks the
 * handshake's signature and token with the real verifiers, greets, echoes input as output, records control
 * messages, ends the session with exit status 3 when it reads {@code exit\r}, and drops the connection without a
 * word when it reads {@code drop\r}. A site whose name starts with
 * {@code refused} gets 403, as a token the orchestrator refuses would. Registered as an extension, it stops after the
 * test class.
 */
final class FakeTerminalServer implements AfterAllCallback {

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final ServerSocket server;

	private final SignatureVerifier verifier = new SignatureVerifier(
			Map.of("manager", Caller.anyPath(SigningKey.of(StandInComponents.KEY))));

	private final TerminalTokens tokens = new TerminalTokens(SigningKey.of(StandInComponents.KEY));

	/** The grants of the sessions opened. */
	final BlockingQueue<TerminalGrant> grants = new LinkedBlockingQueue<>();

	/** The text (control) messages received. */
	final BlockingQueue<String> controls = new LinkedBlockingQueue<>();

	/** How sessions ended: "closed" when the manager closed it, "eof" when the connection just went. */
	final BlockingQueue<String> endings = new LinkedBlockingQueue<>();

	FakeTerminalServer() {
		try {
			server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "fake-terminal-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getLocalPort();
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				Thread session = new Thread(() -> serve(socket), "fake-terminal-session");
				session.setDaemon(true);
				session.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			DataInputStream in = new DataInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			String requestLine = readLine(in);
			Map<String, String> headers = new HashMap<>();
			for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
			}
			String pathAndQuery = requestLine.split(" ")[1];
			try {
				verifier.verify("GET", pathAndQuery, new byte[0], name -> headers.get(name.toLowerCase()));
			}
			catch (SignatureRejectedException ex) {
				respond(out, "401 Unauthorized");
				return;
			}
			TerminalGrant grant;
			try {
				grant = tokens.verify(pathAndQuery.substring(pathAndQuery.indexOf("token=") + "token=".length()));
			}
			catch (TerminalTokenException | StringIndexOutOfBoundsException ex) {
				respond(out, "403 Forbidden");
				return;
			}
			grants.add(grant);
			if (grant.siteName().startsWith("refused")) {
				respond(out, "403 Forbidden");
				return;
			}
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((headers.get("sec-websocket-key") + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
			out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(digest) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			output(out, "welcome to " + grant.siteName() + "\r\n");
			relay(in, out);
		}
		catch (EOFException ex) {
			endings.add("eof");
		}
		catch (Exception ex) {
			endings.add("error: " + ex);
		}
	}

	private void relay(DataInputStream in, OutputStream out) throws IOException {
		while (true) {
			int first = in.readUnsignedByte();
			int second = in.readUnsignedByte();
			long length = second & 0x7f;
			if (length == 126) {
				length = in.readUnsignedShort();
			}
			else if (length == 127) {
				length = in.readLong();
			}
			byte[] mask = new byte[4];
			if ((second & 0x80) != 0) {
				in.readFully(mask);
			}
			byte[] payload = new byte[(int) length];
			in.readFully(payload);
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= mask[i % 4];
			}
			switch (first & 0x0f) {
				case 1 -> controls.add(new String(payload, StandardCharsets.UTF_8));
				case 2 -> {
					String input = new String(payload, StandardCharsets.UTF_8);
					if (input.equals("drop\r")) {
						endings.add("dropped");
						return;
					}
					if (input.equals("exit\r")) {
						frame(out, 1, "{\"type\":\"exit\",\"code\":3}".getBytes(StandardCharsets.UTF_8));
						frame(out, 8, new byte[] { 0x03, (byte) 0xe8 });
						endings.add("exited");
						return;
					}
					output(out, input);
				}
				case 8 -> {
					endings.add("closed");
					frame(out, 8, new byte[] { 0x03, (byte) 0xe8 });
					return;
				}
				case 9 -> frame(out, 10, payload);
				default -> {
				}
			}
		}
	}

	private static void output(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		frame(out, 2, ByteBuffer.allocate(bytes.length + 1).put(TerminalFrames.STDOUT).put(bytes).array());
	}

	private static synchronized void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
		out.write(0x80 | opcode);
		if (payload.length < 126) {
			out.write(payload.length);
		}
		else {
			out.write(126);
			out.write(payload.length >> 8);
			out.write(payload.length & 0xff);
		}
		out.write(payload);
		out.flush();
	}

	private static void respond(OutputStream out, String status) throws IOException {
		out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static String readLine(DataInputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != '\n') {
			if (c < 0) {
				throw new EOFException();
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			server.close();
		}
		catch (IOException ex) {
			// Nothing more to release.
		}
	}

}
