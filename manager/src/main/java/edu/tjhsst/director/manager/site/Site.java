package edu.tjhsst.director.manager.site;

import java.time.Instant;

import edu.tjhsst.director.common.site.SiteType;

/**
 * A site as the portal stores it.
 * @param runtime the runtime a dynamic site's process runs in, or null for a static site
 */
public record Site(long id, String name, String description, SiteType type, String runtime, Instant createdAt) {

	public boolean isDynamic() {
		return type == SiteType.DYNAMIC;
	}

}
