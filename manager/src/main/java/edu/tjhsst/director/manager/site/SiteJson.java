package edu.tjhsst.director.manager.site;

import java.time.Instant;

import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationJson;

/**
 * A site as the API shows it.
 * @param runtime what its process runs in; null for a static site
 * @param latestOperation its last operation, or null in a list (where one more query per site would be the cost)
 */
record SiteJson(long id, String name, String description, SiteType type, String runtime, String url, boolean disabled,
		Instant createdAt, OperationJson latestOperation) {

	static SiteJson of(Site site, String url, Operation latest) {
		return new SiteJson(site.id(), site.name(), site.description(), site.type(),
				site.hasProcess() ? site.runtime() : null, url, site.isDisabled(), site.createdAt(),
				latest == null ? null : OperationJson.of(latest));
	}

}
