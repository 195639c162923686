package edu.tjhsst.director.manager.operation;

/** The site already has an operation that is running or has failed; a new one must wait. */
public class SiteLockedException extends RuntimeException {

	public SiteLockedException() {
		super("This site is busy with another operation, or one has failed and needs a retry first.");
	}

	/** A lock of another kind, with its own explanation. */
	protected SiteLockedException(String message) {
		super(message);
	}

}
