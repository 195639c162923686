package edu.tjhsst.director.orchestrator.file;

/** A save whose version is no longer the file's: someone changed or deleted it since the caller read it. */
public class FileChangedException extends RuntimeException {

	private final String current;

	/** @param current the file's current version, or empty if it is gone */
	public FileChangedException(String current) {
		super("The file changed on disk since it was opened.");
		this.current = current;
	}

	/** The file's current version, or empty if it is gone, so the caller can offer to reload or overwrite it. */
	public String current() {
		return current;
	}

}
