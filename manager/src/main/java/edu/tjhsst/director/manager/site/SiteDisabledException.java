package edu.tjhsst.director.manager.site;

import edu.tjhsst.director.manager.operation.SiteLockedException;

/**
 * A change refused because an administrator disabled the site; a kind of lock, so whatever refuses a busy site
 * refuses this too. {@link edu.tjhsst.director.manager.system.PortalErrors} tells the two apart (403, not 409).
 */
public class SiteDisabledException extends SiteLockedException {

	public SiteDisabledException() {
		super("the site is disabled by an administrator");
	}

}
