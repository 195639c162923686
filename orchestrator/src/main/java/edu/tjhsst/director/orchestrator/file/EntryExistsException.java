package edu.tjhsst.director.orchestrator.file;

/** A file or folder is already where a new one, or a moved one, was to go; it is left as it is. */
public class EntryExistsException extends RuntimeException {

	public EntryExistsException(String message) {
		super(message);
	}

}
