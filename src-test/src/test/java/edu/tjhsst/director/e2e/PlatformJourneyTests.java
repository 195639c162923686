package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Portal.OPERATION;
import static edu.tjhsst.director.e2e.Portal.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * A newcomer's first day, end to end: the run command brings the platform up; in a real browser the admin
 * creates a student, the student creates a static site and opens it through the router. Then the refusals,
 * and a stop and restart that keeps the data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
class PlatformJourneyTests {

	private static final String SITE = "hello-e2e";

	private static Platform platform;

	private static ChromeDriver browser;

	private static Portal portal;

	private static long siteId;

	@BeforeAll
	static void start() throws Exception {
		platform = new Platform();
		System.out.printf("platform up in %d ms (first start)%n", platform.startup.toMillis());
		browser = Browser.start();
		portal = new Portal(platform, browser);
	}

	@AfterAll
	static void stop() throws Exception {
		if (browser != null) {
			browser.quit();
		}
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	@Order(1)
	void aStudentCreatesAStaticSiteAndOpensItThroughTheRouter() throws Exception {
		portal.logIn("admin", platform.adminPassword);
		portal.createStudent("alice", "alice-password-1");
		portal.logOut();

		portal.logIn("alice", "alice-password-1");
		assertThat(browser.findElement(By.id("no-sites")).getText()).contains("No sites yet");
		portal.screenshot("1-empty-site-list");
		browser.findElement(By.id("create-site")).click();
		browser.findElement(By.id("name")).sendKeys(SITE);
		browser.findElement(By.id("description")).sendKeys("My first site");
		portal.screenshot("2-create-form");
		Instant clicked = Instant.now();
		browser.findElement(By.id("create")).click();

		// The site page shows the operation's actions as they run, then the address once it has finished.
		portal.waitUpTo(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("operation")));
		assertThat(browser.findElements(By.cssSelector("#actions tr"))).hasSize(3);
		WebElement url = portal.waitUpTo(OPERATION)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("site-url")));
		Duration untilShown = Duration.between(clicked, Instant.now());
		assertThat(url.getText()).isEqualTo(platform.siteUrl(SITE));
		assertThat(browser.findElements(By.cssSelector("#actions .action-status")))
			.extracting(WebElement::getText).containsOnly("SUCCEEDED");
		siteId = portal.siteOnThePage();
		System.out.printf("from Create to the address on the page: %d ms%n", untilShown.toMillis());
		portal.screenshot("3-site-page");

		// Browser → router Nginx → appserver Nginx (Swarm service) → the site's public/index.html.
		browser.get(platform.siteUrl(SITE));
		assertThat(browser.getTitle()).contains(SITE);
		portal.screenshot("4-default-page");
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("public/index.html");
		Http.Response direct = Http.get(platform.sitesPort, SITE + ".sites.localhost", "/");
		assertThat(direct.status()).isEqualTo(200);
		assertThat(direct.body()).contains(SITE);
		assertThat(Files.readString(platform.data.resolve("sites/" + siteId + "/public/index.html"))).contains(SITE);
	}

	@Test
	@Order(2)
	void aBadSiteNameIsRefusedOnTheFormAndNothingIsCreated() throws Exception {
		browser.get(platform.portal() + "/sites/new");
		browser.findElement(By.id("name")).sendKeys("Bad Name!");
		browser.findElement(By.id("create")).click();
		WebElement error = portal.waitUpTo(PAGE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")));
		assertThat(error.getText()).contains("lowercase letters");
		portal.screenshot("5-bad-name");
		browser.findElement(By.id("name")).clear();
		browser.findElement(By.id("name")).sendKeys("www");
		browser.findElement(By.id("create")).click();
		// The first answer's error is on the page until the second answer replaces it: the old one must go first,
		// or the wait finds it and reads it as the new page loads (a run failed so, "stale element reference").
		portal.waitUpTo(PAGE).until(ExpectedConditions.stalenessOf(error));
		assertThat(portal.waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")))
			.getText()).contains("reserved");
		browser.get(platform.portal() + "/sites");
		assertThat(browser.findElements(By.cssSelector("#site-list a"))).extracting(WebElement::getText)
			.singleElement().asString().contains(SITE);
	}

	@Test
	@Order(3)
	void anotherStudentGetsNotFoundForTheFirstStudentsSitePage() throws Exception {
		portal.logOut();
		portal.logIn("admin", platform.adminPassword);
		portal.createStudent("bob", "bob-password-12");
		portal.logOut();
		portal.logIn("bob", "bob-password-12");
		browser.get(platform.portal() + "/sites/" + siteId);
		assertThat(browser.findElement(By.id("not-found")).getText()).isEqualTo("Not found");
		portal.screenshot("6-not-found");
		assertThat(browser.getPageSource()).doesNotContain(SITE);

		HttpClient bob = loggedIn("bob", "bob-password-12");
		HttpResponse<String> page = bob.send(HttpRequest.newBuilder(URI.create(platform.portal() + "/sites/" + siteId))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).doesNotContain(SITE);
		portal.logOut();
	}

	@Test
	@Order(4)
	void unsignedRequestsToTheOrchestratorAndTheRouterAreRefused() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> orchestrator = http.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + platform.orchestratorPort + "/sites/" + siteId))
			.DELETE().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(orchestrator.statusCode()).isEqualTo(401);
		assertThat(orchestrator.body()).contains("not signed");
		HttpResponse<String> router = http.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + platform.routerApiPort + "/routes/" + siteId))
			.DELETE().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(router.statusCode()).isEqualTo(401);
		// Neither refusal changed anything: the site still answers.
		assertThat(Http.get(platform.sitesPort, SITE + ".sites.localhost", "/").status()).isEqualTo(200);
	}

	@Test
	@Order(5)
	void theStopCommandStopsEverythingAndTheNextStartKeepsTheData() throws Exception {
		browser.quit();
		browser = null;
		assertThat(platform.stop()).isZero();
		assertThat(Platform.run("/usr/bin/docker", "service", "inspect", platform.appserverService)).isNotZero();
		assertThat(Http.reachable(platform.portalPort)).isFalse();
		assertThat(Http.reachable(platform.sitesPort)).isFalse();
		assertThat(Http.reachable(platform.orchestratorPort)).isFalse();

		platform = new Platform(platform);
		System.out.printf("platform up in %d ms (second start)%n", platform.startup.toMillis());
		assertThat(platform.startup).isLessThan(Duration.ofSeconds(60));
		assertThat(platform.output()).noneMatch(line -> line.contains("Password:"));
		HttpClient alice = loggedIn("alice", "alice-password-1");
		assertThat(alice.send(HttpRequest.newBuilder(URI.create(platform.portal() + "/sites")).build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains(SITE);
		// The site, served by the new platform, answers with its page again.
		new SiteAnswers(platform).await(SITE, "/", SITE);
	}

	/** An HTTP client with a portal session, logged in through the real form with its CSRF token. */
	private static HttpClient loggedIn(String username, String password) throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();
		String form = http.send(HttpRequest.newBuilder(URI.create(platform.portal() + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
		assertThat(token.find()).as("login form has a CSRF token").isTrue();
		String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(platform.portal() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/sites"));
		return http;
	}

}
