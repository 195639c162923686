package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Portal.BUILD;
import static edu.tjhsst.director.e2e.Portal.PAGE;
import static edu.tjhsst.director.e2e.Portal.PROCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * A dynamic Python site, end to end: a student creates it in a real browser, adds a {@code run.sh}, restarts it
 * from its page, reads its output in the log view and reaches it through the router; a restart starts a new process,
 * a variable defined on the environment page reaches the app, a failed package build keeps the site running and a
 * fixed one gives it its package, and changing the site to static removes its service.
 */
@BrowserTest
class DynamicSiteJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final String SITE = "py-e2e";

	private static final Pattern STARTED = Pattern.compile("started at (\\d+)");

	/** A tiny HTTP server that says when it started, and prints a line when it does. */
	private static final String APP = """
			import http.server, os, shutil, time
			started = str(time.time_ns())
			print("hello from the e2e app, started at " + started, flush=True)
			class Handler(http.server.BaseHTTPRequestHandler):
			    def do_GET(self):
			        body = ("e2e app started at " + started + " greeting=" + os.environ.get("GREETING", "")
			            + " jq=" + str(shutil.which("jq")) + "\\n").encode()
			        self.send_response(200)
			        self.send_header("Content-Type", "text/plain")
			        self.send_header("Content-Length", str(len(body)))
			        self.end_headers()
			        self.wfile.write(body)
			http.server.HTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()
			""";

	private static final String RUN = """
			#!/bin/sh
			exec python3 -u "$(dirname "$0")/app.py"
			""";

	private static long siteId;

	/** The start time the app answers with through the router, once it answers one other than the given one. */
	private static String answeredStart(String other) {
		Http.Response answer = JOURNEY.answers().await(SITE, "/", "a start time other than \"" + other + "\"",
				response -> response.status() == 200 && startOf(response) != null && !startOf(response).equals(other));
		return startOf(answer);
	}

	private static String startOf(Http.Response response) {
		Matcher matcher = STARTED.matcher(response.body());
		return matcher.find() ? matcher.group(1) : null;
	}

	@Test
	void aStudentRunsAPythonAppRestartsItAndReadsItsOutput() throws Exception {
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent("dana", "dana-password-1");
		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn("dana", "dana-password-1");

		// Without a run.sh the site is published, and its page explains how to add one.
		siteId = JOURNEY.portal().createSite(SITE, "dynamic", "python");
		JOURNEY.portal().waitUpTo(PROCESS).until(ExpectedConditions.visibilityOfElementLocated(By.id("process-help")));
		assertThat(JOURNEY.browser().findElement(By.id("process-help")).getText()).contains("run.sh").contains("$PORT");
		JOURNEY.portal().screenshot("dynamic-1-no-run-script");

		JOURNEY.platform().writeSiteFiles(siteId, Map.of("app.py", APP, "run.sh", RUN));
		JOURNEY.portal().restart(siteId);
		String first = answeredStart("");

		// The page's log view shows what the app printed.
		JOURNEY.portal().waitUpTo(PROCESS).until(ExpectedConditions.textToBePresentInElementLocated(By.id("process-log"),
				"hello from the e2e app, started at " + first));
		JOURNEY.portal().waitUpTo(PROCESS).until(ExpectedConditions.textToBe(By.id("process-state"), "Running"));
		JOURNEY.portal().screenshot("dynamic-2-running");

		// The open page follows the log: a request the app logs appears without a reload.
		JOURNEY.browser().executeScript("window.pageWasNotReloaded = true;");
		String path = "/followed-" + System.nanoTime();
		Instant requested = Instant.now();
		assertThat(Http.get(JOURNEY.platform().sitesPort, SITE + ".sites.localhost", path).status()).isEqualTo(200);
		JOURNEY.portal().waitUpTo(PROCESS)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("process-log"), "GET " + path));
		System.out.printf("a line the app logged appeared in the open log view after %d ms%n",
				Duration.between(requested, Instant.now()).toMillis());
		assertThat(JOURNEY.browser().executeScript("return window.pageWasNotReloaded === true;")).isEqualTo(true);

		JOURNEY.portal().restart(siteId);
		String second = answeredStart(first);
		assertThat(Long.parseLong(second)).as("the restarted process's start time").isGreaterThan(Long.parseLong(first));

		// A variable defined in the portal is in the app's environment once its operation has applied it.
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + siteId);
		JOURNEY.browser().findElement(By.id("edit-env")).click();
		JOURNEY.browser().findElement(By.id("env-name")).sendKeys("GREETING");
		JOURNEY.browser().findElement(By.id("env-value")).sendKeys("Hello from the portal");
		JOURNEY.browser().findElement(By.id("save-variable")).click();
		JOURNEY.portal().waitUpTo(PAGE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("variables"), "Hello from the portal"));
		JOURNEY.answers().await(SITE, "/", "greeting=Hello from the portal");

		// A shell command is not a package name: the packages page says so and nothing is built.
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + siteId);
		JOURNEY.browser().findElement(By.id("edit-packages")).click();
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("packages")))
			.sendKeys("foo; rm -rf /");
		JOURNEY.browser().findElement(By.id("save-packages")).click();
		// The answer is a new page: its error is awaited, not looked for on the page the click left.
		assertThat(JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("packages-error")))
			.getText()).contains("\"foo;\" is not a Debian package name");
		JOURNEY.portal().screenshot("dynamic-3-bad-package-name");

		// An unknown package fails the build with apt's message; the site keeps its image and keeps answering.
		JOURNEY.browser().findElement(By.id("packages")).clear();
		JOURNEY.browser().findElement(By.id("packages")).sendKeys("definitely-not-a-package-xyz");
		JOURNEY.browser().findElement(By.id("save-packages")).click();
		JOURNEY.portal().awaitOperation(siteId, "Update packages", BUILD, "FAILED");
		assertThat(JOURNEY.browser().findElement(By.id("operation")).getText())
			.contains("The image build failed: E: Unable to locate package definitely-not-a-package-xyz");
		assertThat(Http.get(JOURNEY.platform().sitesPort, SITE + ".sites.localhost", "/").body()).contains("jq=None");
		JOURNEY.browser().findElement(By.id("edit-packages")).click();
		assertThat(JOURNEY.browser().findElement(By.id("build-log")).getText())
			.contains("Unable to locate package definitely-not-a-package-xyz");
		JOURNEY.portal().screenshot("dynamic-4-failed-build");

		// Fixing the list retries the build; the site's process then runs in its own image with the package.
		JOURNEY.browser().findElement(By.id("packages")).clear();
		JOURNEY.browser().findElement(By.id("packages")).sendKeys("jq");
		JOURNEY.browser().findElement(By.id("save-packages")).click();
		JOURNEY.portal().awaitOperation(siteId, "Update packages", BUILD, "SUCCEEDED");
		assertThat(JOURNEY.answers().await(SITE, "/", "jq=/usr/bin/jq").body()).contains("greeting=Hello from the portal");
		JOURNEY.browser().findElement(By.id("edit-packages")).click();
		assertThat(JOURNEY.browser().findElement(By.id("build-log")).getText()).contains("Built director/" + JOURNEY.platform().prefix + "-site-" + siteId + ":");
		JOURNEY.portal().screenshot("dynamic-5-packages-built");

		// A dynamic site's own pages, with a variable, a build log and the process's log on them, fit a phone too.
		String sitePage = "/sites/" + siteId;
		for (Function<ChromeDriver, PhoneScreen> screen : PhoneScreen.BOTH_WAYS) {
			try (PhoneScreen phone = screen.apply(JOURNEY.browser())) {
				phone.assertFits(JOURNEY.platform().portal(), "dana",
						List.of(sitePage, sitePage + "/env", sitePage + "/packages", sitePage + "/resources"));
			}
		}

		// Changing the site to static removes its service, and its public files are served again.
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + siteId);
		JOURNEY.browser().findElement(By.id("change-type")).click();
		JOURNEY.browser().findElement(By.id("type-static")).click();
		JOURNEY.browser().findElement(By.id("save-type")).click();
		JOURNEY.portal().awaitOperation(siteId, "Change type");
		assertThat(JOURNEY.browser().findElement(By.id("site-type")).getText()).isEqualTo("Static");
		assertThat(Host.run("/usr/bin/docker", "service", "inspect", JOURNEY.platform().siteService(siteId)))
			.as("docker service inspect " + JOURNEY.platform().siteService(siteId)).isNotZero();
		Http.Response page = Http.get(JOURNEY.platform().sitesPort, SITE + ".sites.localhost", "/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("e2e app started at");
	}

}
