package edu.tjhsst.director.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers the router's tests share: free ports, data directories, signed API calls, raw front-door requests and a
 * stand-in app server.
 */
public final class RouterTestSupport {

	/** The key the tests' router accepts from the manager. */
	public static final String KEY = "router-test-key-0123456789abcdef0123456789";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private RouterTestSupport() {
	}

	/** A TCP port on loopback that was free a moment ago. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A new, empty directory under {@code target/test-data}, which {@code mvn clean} removes. */
	public static Path newDataDir(String name) {
		try {
			Path root = Files.createDirectories(Path.of("target", "test-data").toAbsolutePath());
			return Files.createTempDirectory(root, name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Nginx's workers run as another user when the tests run as root; they must reach the challenge files. */
	public static Path readableByNginxWorkers(Path dir) {
		try {
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The signature headers the manager would send with this request. */
	public static Map<String, String> managerHeaders(String method, String path, String body) {
		return new RequestSigner("manager", SigningKey.of(KEY)).headers(method, path,
				body.getBytes(StandardCharsets.UTF_8));
	}

	/** Calls the router's API on loopback with the given headers and a JSON body, which may be empty. */
	public static HttpResponse<String> call(int apiPort, String method, String path, String body,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
			.timeout(Duration.ofSeconds(40))
			.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body));
		if (!body.isEmpty()) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Calls the router's API as the manager does. */
	public static HttpResponse<String> callAsManager(int apiPort, String method, String path, String body) {
		return call(apiPort, method, path, body, managerHeaders(method, path, body));
	}

	/** Publishes an ACME HTTP-01 answer as the manager does, and checks that the router accepted it. */
	public static HttpResponse<String> putChallenge(int apiPort, String token, String keyAuthorization) {
		HttpResponse<String> response = callAsManager(apiPort, "PUT", "/challenges/" + token,
				"{\"token\":\"" + token + "\",\"keyAuthorization\":\"" + keyAuthorization + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	/**
	 * Sends {@code GET /} with the given Host header to the front door over a fresh connection, as a browser
	 * would; the JDK's HTTP client refuses to set Host itself.
	 */
	public static FrontDoorResponse getThroughFrontDoor(int port, String host) {
		return getThroughFrontDoor(port, host, "");
	}

	/** {@link #getThroughFrontDoor(int, String)} with more header lines, each ending in CRLF. */
	public static FrontDoorResponse getThroughFrontDoor(int port, String host, String headerLines) {
		return sendToFrontDoor(port,
				"GET / HTTP/1.1\r\nHost: " + host + "\r\n" + headerLines + "Connection: close\r\n\r\n");
	}

	/** Sends a request exactly as written, which must ask for the connection to be closed, and reads the answer. */
	public static FrontDoorResponse sendToFrontDoor(int port, String request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int status = Integer.parseInt(text.substring(9, 12));
			int bodyStart = text.indexOf("\r\n\r\n");
			return new FrontDoorResponse(status, text.substring(0, bodyStart), text.substring(bodyStart + 4));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a stand-in app server on a free loopback port that answers every request with the Host, X-Forwarded-Proto,
	 * -For, -Host, -Port, -Ssl, X-Real-IP and Forwarded headers it received, one {@code name=value} line each, so that a test sees what
	 * Nginx forwarded; {@code /missing} answers 404 with a page of its own. The caller stops it.
	 */
	public static HttpServer startEchoingAppServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", exchange -> {
				Headers headers = exchange.getRequestHeaders();
				byte[] body = ("host=" + headers.getFirst("Host") + "\nproto=" + headers.getFirst("X-Forwarded-Proto")
						+ "\nforwarded-for=" + headers.getFirst("X-Forwarded-For") + "\nforwarded-host="
						+ headers.getFirst("X-Forwarded-Host") + "\nforwarded-port=" + headers.getFirst("X-Forwarded-Port")
						+ "\nreal-ip=" + headers.getFirst("X-Real-IP") + "\nforwarded=" + headers.getFirst("Forwarded")
						+ "\nforwarded-ssl=" + headers.getFirst("X-Forwarded-Ssl") + "\n")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/plain");
				// A site's own "not found", which the router must pass on as it is.
				if (exchange.getRequestURI().getPath().equals("/missing")) {
					body = "the site's own 404\n".getBytes(StandardCharsets.UTF_8);
				}
				exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200,
						body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where Nginx reaches the given stand-in app server, as the router's settings write it. */
	public static String addressOf(HttpServer server) {
		return "127.0.0.1:" + server.getAddress().getPort();
	}

	/**
	 * What the front door answered.
	 * @param status the HTTP status
	 * @param head the status line and headers
	 * @param body the body as sent (possibly chunked)
	 */
	public record FrontDoorResponse(int status, String head, String body) {
	}

}
