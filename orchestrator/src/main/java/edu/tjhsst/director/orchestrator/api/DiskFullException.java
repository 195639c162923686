package edu.tjhsst.director.orchestrator.api;

/** A write the site's disk limit, or the sites' volume, has no room for; answered with 507 Insufficient Storage. */
public class DiskFullException extends RuntimeException {

	public DiskFullException(String message) {
		super(message);
	}

}
