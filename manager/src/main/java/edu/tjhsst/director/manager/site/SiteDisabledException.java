package edu.tjhsst.director.manager.site;

/**
 * A change refused because an administrator disabled the site and the person is not one. It is no kind of
 * {@link edu.tjhsst.director.manager.operation.SiteLockedException}: a busy site waits for its operation, a disabled
 * one for an administrator, and {@link edu.tjhsst.director.manager.system.PortalErrors} answers each in its own words
 * (403 here, 409 there).
 */
public class SiteDisabledException extends RuntimeException {

	public SiteDisabledException() {
		super("the site is disabled by an administrator");
	}

}
