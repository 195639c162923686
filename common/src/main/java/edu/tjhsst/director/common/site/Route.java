package edu.tjhsst.director.common.site;

import java.util.ArrayList;
import java.util.List;

/**
 * What the router needs to forward a site: its host names.
 * @param siteId the site's id, which names the route's config file
 * @param hosts every host name that leads to the site
 */
public record Route(long siteId, List<String> hosts) {

	public Route {
		hosts = hosts == null ? List.of() : List.copyOf(hosts);
	}

	/** Everything wrong with this route, empty when it may be rendered. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (siteId <= 0) {
			problems.add("siteId must be positive");
		}
		if (hosts.isEmpty() || hosts.size() > 64) {
			problems.add("hosts must list 1 to 64 host names");
		}
		hosts.stream().filter(host -> !HostNames.isValid(host)).findFirst()
			.ifPresent(host -> problems.add("not a valid host name: " + host));
		return problems;
	}

}
