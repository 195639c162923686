package edu.tjhsst.director.orchestrator.disk;

/**
 * A write that the site's disk limit, or the volume that holds the sites, has no room for; nothing was changed. The
 * message says which, and what the owner can do about it.
 */
public class DiskFullException extends RuntimeException {

	public DiskFullException(String message) {
		super(message);
	}

}
