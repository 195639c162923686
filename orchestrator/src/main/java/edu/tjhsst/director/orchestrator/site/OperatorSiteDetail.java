package edu.tjhsst.director.orchestrator.site;

import java.util.List;
import java.util.Map;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.service.ProcessStatus;

/**
 * One site as an operator inspects it.
 * @param site what the list shows of it
 * @param env the names of its environment variables (their values may be its secrets, and stay out)
 * @param configFiles its web server files on the app server, by name
 * @param process what its process is doing, or null when it has no service
 * @param tasks its service's tasks, current and past, with the node each ran on
 */
record OperatorSiteDetail(OperatorSite site, List<String> env, Map<String, String> configFiles,
		ProcessStatus process, List<OperatorTask> tasks) {

	static List<String> envNames(SiteSpec spec) {
		return spec.env() == null ? List.of() : spec.env().keySet().stream().sorted().toList();
	}

}
