package edu.tjhsst.director.manager.api;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A call the API refuses as asked, with the status, what to do, and the fields at fault (a field's name to its
 * problem). Nothing was changed.
 */
public class ApiRequestException extends RuntimeException {

	private final HttpStatus status;

	private final Map<String, String> fields;

	private final Duration retryAfter;

	/** @param retryAfter when to try again, for a refusal that passes (429), or null */
	public ApiRequestException(HttpStatus status, String detail, Map<String, String> fields, Duration retryAfter) {
		super(detail);
		this.status = status;
		this.fields = Map.copyOf(fields);
		this.retryAfter = retryAfter;
	}

	public ApiRequestException(HttpStatus status, String detail, Map<String, String> fields) {
		this(status, detail, fields, null);
	}

	public ApiRequestException(HttpStatus status, String detail) {
		this(status, detail, Map.of());
	}

	public HttpStatus status() {
		return status;
	}

	public Map<String, String> fields() {
		return fields;
	}

	public Duration retryAfter() {
		return retryAfter;
	}

}
