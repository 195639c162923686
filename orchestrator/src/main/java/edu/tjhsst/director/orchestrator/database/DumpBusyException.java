package edu.tjhsst.director.orchestrator.database;

/** A dump asked for while this site's, or too many others', are being made; asking again later works. */
public class DumpBusyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	DumpBusyException(String message) {
		super(message);
	}

}
