package edu.tjhsst.director.orchestrator.api;

/** A request that clashes with what is there now (a name taken, a folder not empty); answered with 409. */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
