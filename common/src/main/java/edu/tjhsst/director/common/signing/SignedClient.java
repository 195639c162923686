package edu.tjhsst.director.common.signing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
			.timeout(timeout)
			.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (body.length > 0) {
			request.header("Content-Type", "application/json");
		}
		signer.headers(method, path, body).forEach(request::header);
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "cannot reach " + base + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ComponentCallException(0, "interrupted while calling " + base);
		}
		if (response.statusCode() >= 300) {
			throw new ComponentCallException(response.statusCode(), errorMessage(response.body()));
		}
		return response.body();
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
