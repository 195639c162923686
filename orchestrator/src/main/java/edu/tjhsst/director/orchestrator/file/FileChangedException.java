package edu.tjhsst.director.orchestrator.file;

/** A save whose version is no longer the file's; answered with 409 and the current version. */
class FileChangedException extends RuntimeException {

	private final String current;

	/** @param current the file's current version, or empty if it is gone */
	FileChangedException(String current) {
		super("The file changed on disk since it was opened.");
		this.current = current;
	}

	String current() {
		return current;
	}

}
