package edu.tjhsst.director.orchestrator.disk;

/** The site has no folder on this app server: it was never applied here, or has been deleted. */
public class NoSuchSiteException extends RuntimeException {

	public NoSuchSiteException() {
		super("no such site");
	}

}
