package edu.tjhsst.director.manager.operation;

/**
 * The site already has an operation that is running or has failed; a new one must wait. What the person is told is
 * {@link edu.tjhsst.director.manager.system.PortalErrors}'s, so the message here is for logs.
 */
public class SiteLockedException extends RuntimeException {

	public SiteLockedException() {
		super("the site has an open operation");
	}

}
