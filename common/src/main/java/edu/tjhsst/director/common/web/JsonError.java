package edu.tjhsst.director.common.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the components' refusal body, {@code {"error": "..."}}, from a filter or interceptor that answers before any
 * controller (whose refusals the component's exception handler writes the same way).
 */
public final class JsonError {

	private static final ObjectMapper JSON = new ObjectMapper();

	private JsonError() {
	}

	public static void write(HttpServletResponse response, int status, String reason) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		JSON.writeValue(response.getOutputStream(), Map.of("error", reason));
	}

}
