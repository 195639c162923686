package edu.tjhsst.director.orchestrator.database;

/** A database dump that did not finish: the server refused it, or it took too long; the message says which. */
public class DumpFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	DumpFailedException(String message) {
		super(message);
	}

}
