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

	public boolean allows(long siteId, User user) {
		return (user.isAdmin() ? sites.findById(siteId) : sites.findByIdForMember(siteId, user.id())).isPresent();
	}

}
