package edu.tjhsst.director.manager.file;

import org.springframework.http.HttpStatus;

/** A file request the manager refuses before asking the orchestrator, with a message fit for the person. */
class FileRequestException extends RuntimeException {

	private final HttpStatus status;

	FileRequestException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	HttpStatus status() {
		return status;
	}

}
