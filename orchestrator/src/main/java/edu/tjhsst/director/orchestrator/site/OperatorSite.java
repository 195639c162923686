package edu.tjhsst.director.orchestrator.site;

import java.util.List;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;

/**
 * A site as an operator's list shows it.
 * @param id its id
 * @param name its name, or null when it has no applied spec here
 * @param type its type, or null likewise
 * @param hosts the host names it is served at, empty likewise
 * @param runtime its runtime, or null
 * @param applied whether it has an applied spec here, which a converge can put back
 * @param service whether it has a service (a dynamic site's process)
 * @param configFiles its web server files on the app server
 */
record OperatorSite(long id, String name, SiteType type, List<String> hosts, String runtime, boolean applied,
		boolean service, List<String> configFiles) {

	static OperatorSite of(long id, SiteSpec spec, boolean service, List<String> configFiles) {
		return spec == null ? new OperatorSite(id, null, null, List.of(), null, false, service, configFiles)
				: new OperatorSite(id, spec.name(), spec.type(), spec.hosts(), spec.runtime(), true, service,
						configFiles);
	}

}
