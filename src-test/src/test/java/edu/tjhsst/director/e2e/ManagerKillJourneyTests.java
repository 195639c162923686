package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * A manager killed with -9 at a random moment of a site's creation, again and again: each time the manager is back by
 * itself, the operation it was running finishes without a person (Quartz recovers its job and runs the steps left),
 * and the new site answers. Five moments in the normal test run, static and dynamic sites by turns, so that the kill
 * falls in different steps; each manager start takes some 25 s, which is what keeps the count low there. By hand, any
 * number: {@code mvn -pl src-test test -Dtest=ManagerKillJourneyTests -Ddirector.manager-kills=20}.
 */
@BrowserTest
class ManagerKillJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final int MOMENTS = Integer.getInteger("director.manager-kills", 5);

	private static final Duration BACK_WITHIN = Duration.ofSeconds(120);

	@Test
	void anOperationUnderWayWhenTheManagerIsKilledFinishesAfterItsRestart() throws Exception {
		Platform platform = JOURNEY.platform();
		JOURNEY.portal().logIn("admin", platform.adminPassword);
		for (int moment = 0; moment < MOMENTS; moment++) {
			boolean dynamic = moment % 2 == 1;
			String name = "kill-" + moment;
			JOURNEY.browser().get(platform.portal() + "/sites/new");
			JOURNEY.browser().findElement(By.id("name")).sendKeys(name);
			JOURNEY.browser().findElement(By.id(dynamic ? "type-dynamic" : "type-static")).click();
			if (dynamic) {
				new Select(JOURNEY.browser().findElement(By.id("runtime"))).selectByValue("python");
			}
			JOURNEY.browser().findElement(By.id("create")).click();
			JOURNEY.portal().waitUpTo(Portal.PAGE).until(ExpectedConditions.urlMatches("/sites/[0-9]+$"));
			String page = JOURNEY.browser().getCurrentUrl();
			long delay = ThreadLocalRandom.current().nextLong(dynamic ? 4000 : 1500);
			Thread.sleep(delay);

			long pid = Long.parseLong(Files.readString(platform.data.resolve("run/manager.pid")).strip());
			Instant killed = Instant.now();
			assertThat(Host.run("kill", "-9", Long.toString(pid))).isZero();
			Await.until("the manager back by itself", BACK_WITHIN, () -> ProcessHandle.of(pid).isEmpty()
					&& Http.get(platform.portalPort, "127.0.0.1", "/actuator/health").status() == 200);
			long back = Duration.between(killed, Instant.now()).toMillis();

			logInAgain(platform);
			JOURNEY.browser().get(page);
			JOURNEY.portal().waitUpTo(Portal.OPERATION)
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("site-url")));
			assertThat(JOURNEY.browser().findElement(By.id("operation-status")).getText()).as(name).isEqualTo("SUCCEEDED");
			System.out.printf("[manager kill] %s (%s) killed %d ms after it was asked for: manager back in %d ms,"
					+ " operation finished %d ms after the kill%n", name, dynamic ? "dynamic" : "static", delay, back,
					Duration.between(killed, Instant.now()).toMillis());
			if (!dynamic) {
				assertThat(Http.get(platform.sitesPort, name + ".sites.localhost", "/").status()).as(name).isEqualTo(200);
			}
		}
	}

	/**
	 * Signs in again once the manager is back. The browser was refused once in CI just after the manager's health
	 * had answered: a refusal is retried, and said, while the manager that answered still runs; that it died again
	 * fails the journey with its log.
	 */
	private static void logInAgain(Platform platform) throws Exception {
		Path pidFile = platform.data.resolve("run/manager.pid");
		long manager = Long.parseLong(Files.readString(pidFile).strip());
		Instant deadline = Instant.now().plus(BACK_WITHIN);
		while (true) {
			try {
				JOURNEY.portal().logIn("admin", platform.adminPassword);
				return;
			}
			catch (WebDriverException ex) {
				if (!String.valueOf(ex.getMessage()).contains("ERR_CONNECTION_REFUSED") || Instant.now().isAfter(deadline)) {
					throw ex;
				}
				boolean running = ProcessHandle.of(manager).isPresent();
				System.out.printf("[manager kill] the browser was refused by the portal; the manager that answered"
						+ " (pid %d) %s%n", manager, running ? "still runs" : "has stopped");
				assertThat(running).as("the manager stopped again after it was back:%s", platform.logs()).isTrue();
				Thread.sleep(1000);
			}
		}
	}

}