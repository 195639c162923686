package edu.tjhsst.director.manager.api;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A call the API refuses as asked, with the status, what to do, and the fields at fault (a field's name to its
 * problem). Nothing was changed.
 */
public class ApiRequestException extends RuntimeException {

	private final HttpStatus status;

	private final Map<String, String> fields;

	public ApiRequestException(HttpStatus status, String detail, Map<String, String> fields) {
		super(detail);
		this.status = status;
		this.fields = Map.copyOf(fields);
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

}
