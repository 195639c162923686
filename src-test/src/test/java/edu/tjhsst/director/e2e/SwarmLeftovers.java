package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Host.output;
import static edu.tjhsst.director.e2e.Host.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import edu.tjhsst.director.common.testing.Await;

/**
 * What a stopped test platform leaves in Docker on purpose, since sites outlive their platform: the appserver, each
 * site's service, terminal, network and package images, and the sites' network. A test removes it all, so that nothing of it
 * outlives the test.
 */
final class SwarmLeftovers {

	private SwarmLeftovers() {
	}

	/**
	 * @param platform the prefix of the platform's site names ({@code DIRECTOR_PLATFORM}): only its own sites' services,
	 *        terminals and images are removed, never those of another platform on the engine
	 */
	static void remove(String appserverService, String sitesNetwork, String platform)
			throws IOException, InterruptedException {
		// A platform deployed as the Swarm stack is the stack named after it.
		run("/usr/bin/docker", "stack", "rm", platform);
		run("/usr/bin/docker", "service", "rm", appserverService, appserverService + "-2");
		// Each site's own network is named after the sites network and labelled with it. The engine keeps a removed
		// Nginx's load-balancer endpoint on each network it was attached to, which blocks "rm" until it is dropped.
		// A site's service and terminal still on its network would keep it, so they go first.
		String label = "label=director.sites-network=" + sitesNetwork;
		List<Long> sites = new ArrayList<>();
		for (String site : output("/usr/bin/docker", "network", "ls", "--format",
				"{{.Name}} {{.Label \"director.site\"}}", "--filter", label).split("\n")) {
			String[] parts = site.strip().split(" ");
			if (parts.length == 2 && parts[1].matches("[0-9]+")) {
				sites.add(Long.parseLong(parts[1]));
				run("/usr/bin/docker", "service", "rm", platform + "_site_" + parts[1]);
				run("/usr/bin/docker", "rm", "-f", platform + "_site_" + parts[1] + "_terminal");
			}
		}
		for (String site : output("/usr/bin/docker", "network", "ls", "--format", "{{.Name}}", "--filter", label)
			.split("\\s+")) {
			if (!site.isBlank()) {
				awaitNoContainers(site);
				run("/usr/bin/docker", "network", "disconnect", "-f", site, site + "-endpoint");
				run("/usr/bin/docker", "network", "rm", site);
			}
		}
		run("/usr/bin/docker", "network", "prune", "-f", "--filter", label);
		run("/usr/bin/docker", "network", "rm", sitesNetwork);
		for (long site : sites) {
			removeSiteImages(platform, site);
		}
	}

	/** Removes the images built for a site's packages, once no service uses them. */
	private static void removeSiteImages(String platform, long siteId) throws IOException, InterruptedException {
		String repository = "director/" + platform + "-site-" + siteId;
		String tags = output("/usr/bin/docker", "images", "--format", "{{.Repository}}:{{.Tag}}", repository);
		for (String tag : tags.split("\n")) {
			if (tag.startsWith(repository + ":")) {
				run("/usr/bin/docker", "image", "rm", tag);
			}
		}
	}

	/** Waits up to 20 s for removed services' containers to leave the network; if they stay, it goes by force. */
	private static void awaitNoContainers(String network) {
		try {
			Await.value("the containers of removed sites to leave " + network, Duration.ofSeconds(20),
					() -> containersOn(network), containers -> !containers.matches(".*site_[0-9]+\\.[0-9].*"));
		}
		catch (AssertionError ex) {
			System.err.println(ex.getMessage() + "; removing it by force");
		}
	}

	/** The names of the containers on the network; none once it is gone. */
	private static String containersOn(String network) throws IOException, InterruptedException {
		try {
			return output("/usr/bin/docker", "network", "inspect", "--format", "{{range .Containers}}{{.Name}} {{end}}",
					network).strip();
		}
		catch (IllegalStateException ex) {
			return "";
		}
	}

}
