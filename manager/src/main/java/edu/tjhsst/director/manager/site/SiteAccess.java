package edu.tjhsst.director.manager.site;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.NotFoundException;
import edu.tjhsst.director.manager.user.User;

/**
 * Finds a site only for someone who may see it: its members and administrators. Anyone else gets a 404. A site an
 * administrator disabled is changed by administrators only.
 */
@Component
public class SiteAccess {

	private final SiteRepository sites;

	SiteAccess(SiteRepository sites) {
		this.sites = sites;
	}

	public Site require(long siteId, User user) {
		return (user.isAdmin() ? sites.findById(siteId) : sites.findByIdForMember(siteId, user.id()))
			.orElseThrow(() -> new NotFoundException("no such site"));
	}

	/**
	 * Finds a site the user may change: as {@link #require}, and refused when an administrator disabled it and the
	 * user is not one.
	 * @throws SiteDisabledException when the site is disabled and the user is not an administrator
	 */
	public Site requireChangeable(long siteId, User user) {
		Site site = require(siteId, user);
		SiteService.requireChangeable(site, user);
		return site;
	}

	/**
	 * Finds a dynamic or PHP site as {@link #require}: a static site has no process, environment or packages, so
	 * their pages are as not found for it as for a site the user may not see.
	 */
	Site requireWithProcess(long siteId, User user) {
		Site site = require(siteId, user);
		if (!site.hasProcess()) {
			throw new NotFoundException("a static site has no process");
		}
		return site;
	}

	public boolean allows(long siteId, User user) {
		return (user.isAdmin() ? sites.findById(siteId) : sites.findByIdForMember(siteId, user.id())).isPresent();
	}

}
