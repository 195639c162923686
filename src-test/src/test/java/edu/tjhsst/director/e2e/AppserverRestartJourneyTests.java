package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * No single app server: while visitors read a static site and a dynamic one through the router, each of the two
 * appserver services is updated in turn ({@code docker service update --force}) and one's container is killed, as an
 * operator's update or a crash would; not one request fails.
 */
@BrowserTest
class AppserverRestartJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final Duration SETTLE = Duration.ofSeconds(60);

	private static final String RUN = """
			#!/bin/sh
			mkdir -p /tmp/www && echo "steady app" > /tmp/www/index.html
			cd /tmp/www && exec python3 -m http.server "$PORT" --bind "$HOST"
			""";

	@Test
	void updatingOrKillingEitherAppServerLosesNoRequest() throws Exception {
		Platform platform = JOURNEY.platform();
		JOURNEY.portal().logIn("admin", platform.adminPassword);
		JOURNEY.portal().createSite("steady-page", "static", null);
		long app = JOURNEY.portal().createSite("steady-app", "dynamic", "python");
		platform.writeSiteFiles(app, Map.of("run.sh", RUN));
		JOURNEY.portal().restart(app);
		Await.until("steady-app answers", SETTLE, () -> Http.get(platform.sitesPort, "steady-app.sites.localhost", "/")
			.body().contains("steady app"));
		String first = platform.appserverService;
		String second = platform.appserverService + "-2";

		SiteLoad load = new SiteLoad(platform.sitesPort, Map.of("steady-page", "steady-page", "steady-app", "steady app"));
		try {
			for (String service : new String[] { first, second }) {
				Instant started = Instant.now();
				// Without --detach the command returns once Swarm reports the new task running.
				assertThat(Host.run("/usr/bin/docker", "service", "update", "--force", "--quiet", service)).isZero();
				// Its Nginx starts once attached to the sites' networks; the next update waits for that.
				Await.until(service + " serving again", SETTLE, () -> Http.reachable(appserverPort(platform, service)));
				System.out.printf("[appservers] %s updated in %d ms; requests so far: %d served, failed %s%n", service,
						Duration.between(started, Instant.now()).toMillis(), load.served(), load.failures());
			}
			String container = Host.output("/usr/bin/docker", "ps", "-q", "--filter",
					"label=com.docker.swarm.service.name=" + first).strip();
			Instant killed = Instant.now();
			assertThat(Host.run("/usr/bin/docker", "kill", container)).isZero();
			Await.until(first + " back after its container was killed", SETTLE,
					() -> !Host.output("/usr/bin/docker", "ps", "-q", "--filter",
							"label=com.docker.swarm.service.name=" + first).strip().isEmpty()
							&& Http.reachable(platform.appserverPort));
			System.out.printf("[appservers] %s killed: serving again after %d ms; requests so far: %d served, failed %s%n",
					first, Duration.between(killed, Instant.now()).toMillis(), load.served(), load.failures());
			// The router tries the killed one again after its fail timeout; it must answer then too.
			Thread.sleep(12_000);
		}
		finally {
			load.close();
		}
		System.out.printf("[appservers] in all: %d served, failed %s%n", load.served(), load.failures());
		assertThat(load.served()).isGreaterThan(200);
		assertThat(load.failures()).as("site requests that failed").isEmpty();
	}

	private static int appserverPort(Platform platform, String service) {
		return service.equals(platform.appserverService) ? platform.appserverPort : platform.appserverPort + 1;
	}

}
