package edu.tjhsst.director.orchestrator.api;

/** A request that can never succeed as sent; answered with 400 and this message. */
public class BadRequestException extends RuntimeException {

	public BadRequestException(String message) {
		super(message);
	}

}
