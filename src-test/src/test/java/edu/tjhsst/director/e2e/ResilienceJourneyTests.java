package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * Sites before the portal: each of the four components is killed with -9 in turn while a request loop reads three
 * sites through the router. No request may fail, each component must be back by itself, started again by the run
 * command, and a site being created when the orchestrator or the manager dies must be created all the same, without
 * a person.
 */
@BrowserTest
class ResilienceJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final List<String> SITES = List.of("steady-one", "steady-two", "steady-three");

	private static final String LATE_SITE = "steady-late";

	private static final Duration BACK_WITHIN = Duration.ofSeconds(120);

	@Test
	void killingAnyComponentLosesNoSiteRequestAndItComesBackByItself() throws Exception {
		Platform platform = JOURNEY.platform();
		JOURNEY.portal().logIn("admin", platform.adminPassword);
		SiteLoad load = SiteLoad.onNewStaticSites(platform, JOURNEY.portal(), SITES);
		try {
			for (String component : List.of("orchestrator", "router", "manager", "shell")) {
				String underWay = null;
				if (component.equals("orchestrator") || component.equals("manager")) {
					// An operation under way when its app server, or the manager running it, dies must finish
					// without anyone pressing Retry.
					JOURNEY.browser().get(platform.portal() + "/sites/new");
					JOURNEY.browser().findElement(By.id("name")).sendKeys(LATE_SITE + "-" + component);
					JOURNEY.browser().findElement(By.id("create")).click();
					JOURNEY.portal().waitUpTo(Portal.PAGE).until(ExpectedConditions.urlMatches("/sites/[0-9]+$"));
					underWay = JOURNEY.browser().getCurrentUrl();
				}
				long pid = Long.parseLong(Files.readString(platform.data.resolve("run/" + component + ".pid")).strip());
				Instant killed = Instant.now();
				assertThat(Host.run("kill", "-9", Long.toString(pid))).isZero();
				Await.until("the " + component + " back by itself", BACK_WITHIN,
						() -> ProcessHandle.of(pid).isEmpty() && platform.answers(component));
				System.out.printf("%s killed with -9: back by itself in %d ms; site requests so far: %d served, "
						+ "failed %s%n", component, Duration.between(killed, Instant.now()).toMillis(), load.served(),
						load.failures());
				if (underWay != null) {
					if (component.equals("manager")) {
						// Its sessions went with it.
						JOURNEY.portal().logIn("admin", platform.adminPassword);
					}
					JOURNEY.browser().get(underWay);
					JOURNEY.portal().waitUpTo(BACK_WITHIN)
						.until(ExpectedConditions.visibilityOfElementLocated(By.id("site-url")));
					assertThat(JOURNEY.browser().findElement(By.id("operation-status")).getText()).isEqualTo("SUCCEEDED");
					System.out.printf("the operation under way when the %s was killed: SUCCEEDED, %d ms after the kill%n",
							component, Duration.between(killed, Instant.now()).toMillis());
				}
			}
		}
		finally {
			load.close();
		}
		load.assertNoneFailed("while components were killed");
		// The manager came back with its state.
		JOURNEY.portal().assertStillListsAfterSigningIn(platform.adminPassword, SITES);
	}

}
