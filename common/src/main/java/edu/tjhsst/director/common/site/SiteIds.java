package edu.tjhsst.director.common.site;

import java.util.List;

/**
 * The sites a component holds something of (a web server file, a service, a route), so that the manager can tell
 * those it no longer knows: what is left of a deleted site.
 * @param ids the sites' ids, in order
 */
public record SiteIds(List<Long> ids) {

	public SiteIds {
		ids = ids == null ? List.of() : List.copyOf(ids);
	}

}
