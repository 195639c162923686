package edu.tjhsst.director.orchestrator.file;

/** No file or folder is where the caller's path says, or a folder on the way is not a folder. */
public class NoSuchEntryException extends RuntimeException {

	public NoSuchEntryException(String message) {
		super(message);
	}

}
