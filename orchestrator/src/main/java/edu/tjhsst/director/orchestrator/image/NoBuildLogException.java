package edu.tjhsst.director.orchestrator.image;

/** No image has been built for the site on this app server, so it has no build's output to show. */
public class NoBuildLogException extends RuntimeException {

	public NoBuildLogException(long siteId) {
		super("site " + siteId + " has no build log");
	}

}
