package edu.tjhsst.director.common.signing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls another component's API with signed JSON requests. */
public final class SignedClient {

	private final URI base;

	private final RequestSigner signer;

	private final ObjectMapper json;

	private final HttpClient http;

	private final Duration timeout;

	public SignedClient(URI base, RequestSigner signer, ObjectMapper json, Duration timeout) {
		this.base = base;
		this.signer = signer;
		this.json = json;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	/** PUTs a JSON document and returns the response body, or throws with the callee's message. */
	public String put(String path, Object document) {
		try {
			return send("PUT", path, json.writeValueAsBytes(document));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("cannot write " + document.getClass().getSimpleName(), ex);
		}
	}

	public String delete(String path) {
		return send("DELETE", path, new byte[0]);
	}

	public String get(String path) {
		return send("GET", path, new byte[0]);
	}

	private String send(String method, String path, byte[] body) {
		HttpResponse<InputStream> response = exchange(method, path, body, body.length > 0 ? "application/json" : null);
		try (InputStream in = response.body()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "lost the connection to " + base + ": " + ex.getMessage());
		}
	}

	/**
	 * Sends a request with a raw body and returns the response as a stream, for file contents and archives.
	 * The caller closes the stream. Error answers (3xx and up) throw with the callee's message.
	 * @param path the path with its query, exactly as signed; callers encode query values
	 * @param contentType the body's type, or null for no body
	 */
	public HttpResponse<InputStream> exchange(String method, String path, byte[] body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
			.timeout(timeout)
			.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		signer.headers(method, path, body).forEach(request::header);
		HttpResponse<InputStream> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "cannot reach " + base + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ComponentCallException(0, "interrupted while calling " + base);
		}
		if (response.statusCode() >= 300) {
			String text;
			try (InputStream in = response.body()) {
				text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				text = "";
			}
			throw new ComponentCallException(response.statusCode(), errorMessage(text));
		}
		return response;
	}

	/** The "error" field of a JSON error body, or the body itself. */
	private String errorMessage(String body) {
		try {
			JsonNode node = json.readTree(body);
			if (node != null && node.hasNonNull("error")) {
				return node.get("error").asText();
			}
		}
		catch (JsonProcessingException ex) {
			// not JSON: fall through to the raw text
		}
		return body == null || body.isBlank() ? "no message" : body.strip();
	}

}
