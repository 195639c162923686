package edu.tjhsst.director.orchestrator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SigningKey;

/** Test HTTP helpers: signed calls to the orchestrator as the manager, and plain GETs with any Host header. */
public final class TestHttp {

	/** The orchestrator key every test context is configured with. */
	public static final String KEY = "orchestrator-test-key-0123456789abcdefghijkl";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final int port;

	public TestHttp(int port) {
		this.port = port;
	}

	/** The headers the manager would send with this request. */
	public static Map<String, String> sign(String method, String path, String body) {
		return new RequestSigner("manager", SigningKey.of(KEY)).headers(method, path, bytes(body));
	}

	/** Sends a request signed as the manager. */
	public Response signed(String method, String path, String body) {
		return send(method, path, body, sign(method, path, body));
	}

	/** Sends a request with exactly these extra headers. */
	public Response send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body));
		if (!body.isEmpty()) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** GET / on 127.0.0.1 with the given Host header (which java.net.http will not set), over a raw socket. */
	public static Response getWithHost(int port, String host) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int status = Integer.parseInt(response.substring(9, 12));
			int bodyStart = response.indexOf("\r\n\r\n");
			return new Response(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
		}
		catch (IOException ex) {
			return new Response(0, ex.toString());
		}
	}

	/** A TCP port nothing listens on right now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A response.
	 * @param status the HTTP status, or 0 when the server could not be reached
	 * @param body the body as text
	 */
	public record Response(int status, String body) {
	}

}
