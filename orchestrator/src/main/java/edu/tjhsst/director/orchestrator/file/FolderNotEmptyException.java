package edu.tjhsst.director.orchestrator.file;

/** A folder that was to be deleted, or replaced, still holds something. */
public class FolderNotEmptyException extends RuntimeException {

	public FolderNotEmptyException(String message) {
		super(message);
	}

}
