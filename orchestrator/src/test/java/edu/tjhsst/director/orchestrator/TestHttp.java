package edu.tjhsst.director.orchestrator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

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

	/**
	 * Sends a request with a raw body signed as the manager and reads the answer as bytes.
	 * @param pathAndQuery the path and query exactly as sent and signed; encode query values with {@link #query}
	 */
	public BinaryResponse signedBytes(String method, String pathAndQuery, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
			.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		if (body.length > 0) {
			request.header("Content-Type", "application/octet-stream");
		}
		new RequestSigner("manager", SigningKey.of(KEY)).headers(method, pathAndQuery, body).forEach(request::header);
		try {
			HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new BinaryResponse(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends a GET signed as the manager and returns the answer's body as a stream, for streamed answers. */
	public java.io.InputStream signedStream(String pathAndQuery) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
		sign("GET", pathAndQuery, "").forEach(request::header);
		try {
			HttpResponse<java.io.InputStream> response = HTTP.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": "
						+ new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A query value encoded the way the manager encodes it. */
	public static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
			return parse(response);
		}
		catch (IOException ex) {
			return new Response(0, ex.toString());
		}
	}

	/**
	 * A GET of the given path (sent as it is) with the given Host header; HTTP/1.0, so that a body of unknown length
	 * (as PHP's) comes unchunked.
	 */
	public static Response getWithHost(int port, String host, String path) {
		return exchange(port, ("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Sends a request exactly as given (headers a browser or the router would send that java.net.http will not, such
	 * as Host) to 127.0.0.1 and reads the answer to the end: use HTTP/1.0, or {@code Connection: close}.
	 */
	public static Response exchange(int port, byte[] request) {
		return exchange("127.0.0.1", port, request);
	}

	/** {@link #exchange(int, byte[])} to another of this machine's addresses. */
	public static Response exchange(String address, int port, byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return parse(response);
		}
		catch (IOException | RuntimeException ex) {
			return new Response(0, ex.toString());
		}
	}

	/** {@link #exchange(int, byte[])} through a Unix socket, as the router on the appserver's node sends it. */
	public static Response exchange(java.nio.file.Path socket, byte[] request) {
		try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel
			.open(java.net.UnixDomainSocketAddress.of(socket))) {
			channel.write(java.nio.ByteBuffer.wrap(request));
			String response = new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(),
					StandardCharsets.UTF_8);
			return parse(response);
		}
		catch (IOException | RuntimeException ex) {
			return new Response(0, ex.toString());
		}
	}

	/** A raw HTTP/1.x answer as its status and body. */
	private static Response parse(String response) {
		int status = Integer.parseInt(response.substring(9, 12));
		int bodyStart = response.indexOf("\r\n\r\n");
		return new Response(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
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

	/** The first of {@code count} consecutive free ports. */
	public static int freePorts(int count) {
		while (true) {
			int first = freePort();
			if (first + count - 1 > 65535) {
				continue;
			}
			boolean free = true;
			for (int port = first + 1; port < first + count && free; port++) {
				try (ServerSocket socket = new ServerSocket(port)) {
					free = socket.getLocalPort() == port;
				}
				catch (IOException ex) {
					free = false;
				}
			}
			if (free) {
				return first;
			}
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

	/**
	 * A response read as bytes.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the body
	 */
	public record BinaryResponse(int status, HttpHeaders headers, byte[] body) {

		/** The body as UTF-8 text. */
		public String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

		/** A header's first value, if present. */
		public Optional<String> header(String name) {
			return headers.firstValue(name);
		}

	}

}
