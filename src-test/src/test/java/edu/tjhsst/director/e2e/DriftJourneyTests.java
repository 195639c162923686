package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * The platform heals itself: a site's service, its web server file on the app server, its route on the router and its
 * public folder, each removed by hand behind the portal's back, are back within 30 seconds with the run command's
 * defaults; a service and a route left of a site the portal no longer has are gone within a minute; and an
 * administrator sees each repair on the Repairs page.
 */
@BrowserTest
class DriftJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final Duration REPAIRED_WITHIN = Duration.ofSeconds(30);

	private static final Duration LEFTOVERS_GONE_WITHIN = Duration.ofSeconds(60);

	private static final String RUN = """
			#!/bin/sh
			mkdir -p /tmp/www && echo "drift app" > /tmp/www/index.html
			cd /tmp/www && exec python3 -m http.server "$PORT" --bind "$HOST"
			""";

	@Test
	void whatIsRemovedByHandComesBackWithinThirtySecondsAndAdministratorsSeeTheRepairs() throws Exception {
		Platform platform = JOURNEY.platform();
		JOURNEY.portal().logIn("admin", platform.adminPassword);
		long page = JOURNEY.portal().createSite("drift-page", "static", null);
		long app = JOURNEY.portal().createSite("drift-app", "dynamic", "python");
		platform.writeSiteFiles(app, Map.of("run.sh", RUN));
		JOURNEY.portal().restart(app);
		Await.until("drift-app answers", REPAIRED_WITHIN, () -> answers("drift-app", "drift app"));
		Path appserverFile = platform.data.resolve("appserver-nginx/sites/site-" + page + ".map");
		Path routeFile = platform.data.resolve("router-nginx/sites/route-" + page + ".map");
		Path publicFolder = platform.data.resolve("sites/" + page + "/public");
		String appserverConfig = Files.readString(appserverFile);
		String route = Files.readString(routeFile);

		Instant broken = Instant.now();
		assertThat(Host.run("/usr/bin/docker", "service", "rm", platform.siteService(app))).isZero();
		Files.delete(appserverFile);
		Files.delete(routeFile);
		assertThat(Host.run("rm", "-rf", publicFolder.toString())).isZero();

		double service = secondsUntil(broken, () -> Host.run("/usr/bin/docker", "service", "inspect", platform.siteService(app)) == 0
				&& answers("drift-app", "drift app"));
		double file = secondsUntil(broken, () -> Files.exists(appserverFile)
				&& Files.readString(appserverFile).equals(appserverConfig));
		double routeBack = secondsUntil(broken, () -> Files.exists(routeFile) && Files.readString(routeFile).equals(route));
		double folder = secondsUntil(broken, () -> Files.exists(publicFolder.resolve("index.html"))
				&& answers("drift-page", "drift-page"));
		System.out.printf("[drift] repaired after: service %.1f s, app server file %.1f s, route %.1f s,"
				+ " public folder %.1f s%n", service, file, routeBack, folder);

		// What is left of a site the portal no longer has (removed from its database by hand, say) goes too: a service
		// and a route, as a deletion that went wrong would leave them; the files of a site are never touched this way.
		long gone = 999;
		String leftover = platform.siteService(gone);
		assertThat(Host.run("/usr/bin/docker", "service", "create", "--quiet", "--detach", "--name", leftover,
				"--label", "director.managed=true", "--label", "director.role=site", "--label", "director.site=" + gone,
				"director/runtime-plain:3", "sleep", "infinity")).isZero();
		Path leftoverRoute = platform.data.resolve("router-nginx/sites/route-" + gone + ".map");
		Files.writeString(leftoverRoute, route.replace("drift-page", "drift-gone"));
		Instant left = Instant.now();
		// Only what two rounds in a row find left is removed: within two intervals.
		Await.until("what is left of site " + gone + " removed", LEFTOVERS_GONE_WITHIN,
				() -> Host.run("/usr/bin/docker", "service", "inspect", leftover) != 0 && !Files.exists(leftoverRoute));
		double leftovers = Duration.between(left, Instant.now()).toMillis() / 1000.0;
		System.out.printf("[drift] what was left of a deleted site was removed after %.1f s%n", leftovers);

		// The round records a removal a moment after the component made it.
		String repairs = Await.value("the repairs listed", Duration.ofSeconds(15), () -> {
			JOURNEY.browser().get(platform.portal() + "/admin/repairs");
			return JOURNEY.browser().findElement(By.id("repairs")).getText();
		}, text -> text.contains("The route of site 999 was removed."));
		assertThat(repairs).contains("drift-app").contains("The site's service was missing; it was created again.")
			.contains("The site's web server configuration on the app server was missing; it was written again.")
			.contains("The site's route on the router was missing; it was written again.")
			.contains("The site's public folder was missing; it was made again with a default page.")
			.contains("site 999 (deleted)").contains("The service of site 999, which no longer exists, was removed.")
			.contains("The route of site 999 was removed.");
		JOURNEY.portal().screenshot("drift-repairs");
	}

	/** Seconds from {@code since} until the condition holds, which must be within {@link #REPAIRED_WITHIN}. */
	private static double secondsUntil(Instant since, Await.Condition condition) {
		Await.until("a repair", REPAIRED_WITHIN.minus(Duration.between(since, Instant.now())), condition);
		return Duration.between(since, Instant.now()).toMillis() / 1000.0;
	}

	private static boolean answers(String site, String text) {
		try {
			Http.Response answer = Http.get(JOURNEY.platform().sitesPort, site + ".sites.localhost", "/");
			return answer.status() == 200 && answer.body().contains(text);
		}
		catch (Exception ex) {
			return false;
		}
	}

}
