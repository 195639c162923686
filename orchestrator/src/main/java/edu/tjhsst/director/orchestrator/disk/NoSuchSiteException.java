package edu.tjhsst.director.orchestrator.disk;

/** The site is not on this app server (no folder, or nothing at all): never applied here, or deleted. */
public class NoSuchSiteException extends RuntimeException {

	public NoSuchSiteException() {
		super("no such site");
	}

	public NoSuchSiteException(String message) {
		super(message);
	}

}
