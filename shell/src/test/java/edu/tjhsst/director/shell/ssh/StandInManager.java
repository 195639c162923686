package edu.tjhsst.director.shell.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import edu.tjhsst.director.common.signing.Caller;
import edu.tjhsst.director.common.signing.SignatureRejectedException;
import edu.tjhsst.director.common.signing.SignatureVerifier;
import edu.tjhsst.director.common.signing.SigningKey;

/**
 * The manager's {@code /shell-server/**} API as the shell server sees it, with fixed users: alice (sites mysite,
 * other and the disabled closed), carol (one site, solo), dave (no sites), bob (blocked). Every call must be signed
 * by {@code shell}; the passwords and keys it was asked about and the grants it made are kept for the tests.
 */
final class StandInManager implements AutoCloseable {

	static final String PASSWORD = "correct horse battery";

	/** A grant the stand-in made, as the orchestrator will learn it from the token. */
	record Grant(String user, String site, String mode, String command, boolean tty) {
	}

	private final HttpServer server;

	private final SignatureVerifier verifier;

	private final ObjectMapper json = new ObjectMapper();

	final Map<String, Grant> tokens = new ConcurrentHashMap<>();

	final List<Grant> grants = new CopyOnWriteArrayList<>();

	final List<String> passwordChecks = new CopyOnWriteArrayList<>();

	final List<String> keyChecks = new CopyOnWriteArrayList<>();

	final List<String> unsigned = new CopyOnWriteArrayList<>();

	volatile String aliceKey;

	StandInManager(SigningKey shellKey) throws IOException {
		this.verifier = new SignatureVerifier(Map.of("shell", Caller.anyPath(shellKey)));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::handle);
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String path = exchange.getRequestURI().getRawPath();
			String query = exchange.getRequestURI().getRawQuery();
			try {
				verifier.verify(exchange.getRequestMethod(), query == null ? path : path + "?" + query, body,
						exchange.getRequestHeaders()::getFirst);
			}
			catch (SignatureRejectedException ex) {
				unsigned.add(path);
				answer(exchange, 401, Map.of("error", ex.getMessage()));
				return;
			}
			JsonNode request = body.length == 0 ? null : json.readTree(body);
			String method = exchange.getRequestMethod();
			if (method.equals("POST") && path.equals("/shell-server/auth/password")) {
				String user = request.get("username").asText();
				passwordChecks.add(user);
				auth(exchange, user, PASSWORD.equals(request.get("password").asText()));
			}
			else if (method.equals("POST") && path.equals("/shell-server/auth/key")) {
				String user = request.get("username").asText();
				String key = request.get("key").asText();
				keyChecks.add(key);
				auth(exchange, user, user.equals("alice") && aliceKey != null && key.startsWith(aliceKey));
			}
			else if (method.equals("GET") && path.startsWith("/shell-server/users/") && path.endsWith("/sites")) {
				String user = path.substring("/shell-server/users/".length(), path.length() - "/sites".length());
				answer(exchange, 200, sites(user));
			}
			else if (method.equals("POST") && path.equals("/shell-server/grants")) {
				grant(exchange, request);
			}
			else {
				answer(exchange, 404, Map.of("error", "no such endpoint"));
			}
		}
	}

	private void auth(HttpExchange exchange, String user, boolean right) throws IOException {
		if (user.equals("bob")) {
			answer(exchange, 403, Map.of("error", "this account is blocked"));
		}
		else if (right && List.of("alice", "carol", "dave").contains(user)) {
			answer(exchange, 200, Map.of("username", user));
		}
		else {
			answer(exchange, 401, Map.of("error", "wrong user name or password"));
		}
	}

	private static List<Map<String, Object>> sites(String user) {
		return switch (user) {
			case "alice" -> List.of(site(7, "mysite", "DYNAMIC", "ENABLED"), site(8, "other", "STATIC", "ENABLED"),
					site(9, "closed", "PHP", "DISABLED"));
			case "carol" -> List.of(site(10, "solo", "PHP", "ENABLED"));
			default -> List.of();
		};
	}

	private static Map<String, Object> site(long id, String name, String type, String availability) {
		return Map.of("id", id, "name", name, "type", type, "availability", availability);
	}

	private void grant(HttpExchange exchange, JsonNode request) throws IOException {
		String user = request.get("username").asText();
		String site = request.get("site").asText();
		if (site.equals("closed")) {
			answer(exchange, 403, Map.of("error", "the site closed is disabled"));
			return;
		}
		if (sites(user).stream().noneMatch(s -> s.get("name").equals(site))) {
			answer(exchange, 404, Map.of("error", user + " has no site called " + site));
			return;
		}
		Grant grant = new Grant(user, site, request.get("mode").asText(),
				request.get("command").isNull() ? null : request.get("command").asText(), request.get("tty").asBoolean());
		String token = UUID.randomUUID() + "." + UUID.randomUUID();
		// A token the orchestrator will not know, as if it had expired or been used.
		if (!"spent token".equals(grant.command())) {
			tokens.put(token, grant);
		}
		grants.add(grant);
		answer(exchange, 200, Map.of("token", token, "site", site));
	}

	private void answer(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
