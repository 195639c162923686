package edu.tjhsst.director.manager;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SigningKey;

/**
 * Calls to a running manager's signed {@code /shell-server/**} API over real HTTP: as the SSH shell server makes
 * them, signed as {@code shell} with {@link #SHELL_KEY}, or signed as anyone else or not at all.
 */
final class ShellServerCalls {

	static final String SHELL_KEY = "shell-test-key-0123456789-0123456789-abcdef";

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final ObjectMapper json;

	ShellServerCalls(int port, ObjectMapper json) {
		this.port = port;
		this.json = json;
	}

	/** Gives the test class's manager the shell server's key, and the SSH port its pages tell people. */
	static void register(DynamicPropertyRegistry registry) {
		registry.add("director.shell.key", () -> SHELL_KEY);
		registry.add("director.shell.port", () -> "2299");
	}

	/** A call signed as the shell server. */
	HttpResponse<String> shell(String method, String path, Object body) throws Exception {
		return call(method, path, body, "shell", SHELL_KEY);
	}

	/** A call with the body as JSON (none when null), signed as the caller with the key, or unsigned without one. */
	HttpResponse<String> call(String method, String path, Object body, String caller, String key) throws Exception {
		byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).method(
				method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (caller != null) {
			new RequestSigner(caller, SigningKey.of(key)).headers(method, path, bytes).forEach(request::header);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	JsonNode body(HttpResponse<String> response) throws IOException {
		return json.readTree(response.body());
	}

}
