package edu.tjhsst.director.orchestrator.service;

/** The site has no process to act on: it is not a dynamic site, or its spec was never applied here. */
public class NoSuchProcessException extends RuntimeException {

	public NoSuchProcessException(long siteId) {
		super("site " + siteId + " has no process");
	}

}
