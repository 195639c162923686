package edu.tjhsst.director.common.site;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole desired state of one site on an app server; the orchestrator converges to it.
 * @param id the site's id, which names its directory, config file and service
 * @param name the site's name
 * @param type how it is served
 * @param hosts every host name it answers to, its own first
 */
public record SiteSpec(long id, String name, SiteType type, List<String> hosts) {

	public SiteSpec {
		hosts = hosts == null ? List.of() : List.copyOf(hosts);
	}

	/** Everything wrong with this spec, empty when it may be rendered. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (id <= 0) {
			problems.add("id must be positive");
		}
		SiteNames.problem(name).ifPresent(problem -> problems.add("name: " + problem));
		if (type == null) {
			problems.add("type is required");
		}
		if (hosts.isEmpty() || hosts.size() > 64) {
			problems.add("hosts must list 1 to 64 host names");
		}
		hosts.stream().filter(host -> !HostNames.isValid(host)).findFirst()
			.ifPresent(host -> problems.add("not a valid host name: " + host));
		return problems;
	}

}
