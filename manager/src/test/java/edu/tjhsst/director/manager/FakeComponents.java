package edu.tjhsst.director.manager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.SignatureRejectedException;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SigningKey;

/**
 * Stands in for the orchestrator, the router's API and the router's front door in manager tests. It checks
 * every signature with the real verifier and records the calls; it can be told to fail.
 */
final class FakeComponents implements AutoCloseable {

	static final String KEY = "test-key-0123456789-0123456789-0123456789";

	private final HttpServer server;

	private final SignatureVerifier verifier = new SignatureVerifier(
			Map.of("manager", Caller.anyPath(SigningKey.of(KEY))));

	final List<String> calls = new CopyOnWriteArrayList<>();

	/** While positive, the orchestrator answers this many PUTs with an error. */
	final AtomicInteger orchestratorFailures = new AtomicInteger();

	FakeComponents() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::handle);
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getRawPath();
		byte[] body = exchange.getRequestBody().readAllBytes();
		if (method.equals("GET") && path.equals("/")) {
			reply(exchange, 200, "<h1>front page of " + exchange.getRequestHeaders().getFirst("Host") + "</h1>");
			return;
		}
		try {
			verifier.verify(method, path, body, exchange.getRequestHeaders()::getFirst);
		}
		catch (SignatureRejectedException ex) {
			reply(exchange, 401, "{\"error\":\"" + ex.getMessage() + "\"}");
			return;
		}
		calls.add(method + " " + path + " " + new String(body, StandardCharsets.UTF_8));
		if (path.startsWith("/sites/") && method.equals("PUT") && orchestratorFailures.getAndDecrement() > 0) {
			reply(exchange, 422, "{\"error\":\"nginx says no\"}");
			return;
		}
		reply(exchange, 200, "{\"status\":\"applied\"}");
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
