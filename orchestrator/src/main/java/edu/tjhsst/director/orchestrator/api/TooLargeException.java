package edu.tjhsst.director.orchestrator.api;

/** A request that would move more bytes than a configured limit allows; answered with 413 and this message. */
public class TooLargeException extends RuntimeException {

	public TooLargeException(String message) {
		super(message);
	}

}
