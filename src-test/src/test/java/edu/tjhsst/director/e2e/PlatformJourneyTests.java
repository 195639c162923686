package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Portal.OPERATION;
import static edu.tjhsst.director.e2e.Portal.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.testing.BrowserTest;
import edu.tjhsst.director.common.testing.PrometheusText;

/**
 * A newcomer's first day, end to end: the run command brings the platform up; in a real browser the admin
 * creates a student, the student creates a static site and opens it through the router. Then the refusals,
 * and a stop and restart that keeps the data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
class PlatformJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final String SITE = "hello-e2e";

	private static long siteId;

	@BeforeAll
	static void start() throws Exception {
		System.out.printf("platform up in %d ms (first start)%n", JOURNEY.platform().startup.toMillis());
	}

	@Test
	@Order(1)
	void aStudentCreatesAStaticSiteAndOpensItThroughTheRouter() throws Exception {
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent("alice", "alice-password-1");
		JOURNEY.portal().logOut();

		JOURNEY.portal().logIn("alice", "alice-password-1");
		assertThat(JOURNEY.browser().findElement(By.id("no-sites")).getText()).contains("No sites yet");
		JOURNEY.portal().screenshot("1-empty-site-list");
		JOURNEY.browser().findElement(By.id("create-site")).click();
		JOURNEY.browser().findElement(By.id("name")).sendKeys(SITE);
		JOURNEY.browser().findElement(By.id("description")).sendKeys("My first site");
		JOURNEY.portal().screenshot("2-create-form");
		Instant clicked = Instant.now();
		JOURNEY.browser().findElement(By.id("create")).click();

		// The site page shows the operation's actions as they run, then the address once it has finished.
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.id("operation")));
		assertThat(JOURNEY.browser().findElements(By.cssSelector("#actions tr"))).hasSize(3);
		WebElement url = JOURNEY.portal().waitUpTo(OPERATION)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("site-url")));
		Duration untilShown = Duration.between(clicked, Instant.now());
		assertThat(url.getText()).isEqualTo(JOURNEY.platform().siteUrl(SITE));
		assertThat(JOURNEY.browser().findElements(By.cssSelector("#actions .action-status")))
			.extracting(WebElement::getText).containsOnly("SUCCEEDED");
		siteId = JOURNEY.portal().siteOnThePage();
		System.out.printf("from Create to the address on the page: %d ms%n", untilShown.toMillis());
		JOURNEY.portal().screenshot("3-site-page");

		// Browser → router Nginx → appserver Nginx (Swarm service) → the site's public/index.html.
		JOURNEY.browser().get(JOURNEY.platform().siteUrl(SITE));
		assertThat(JOURNEY.browser().getTitle()).contains(SITE);
		JOURNEY.portal().screenshot("4-default-page");
		assertThat(JOURNEY.browser().findElement(By.tagName("body")).getText()).contains("public/index.html");
		Http.Response direct = Http.get(JOURNEY.platform().sitesPort, SITE + ".sites.localhost", "/");
		assertThat(direct.status()).isEqualTo(200);
		assertThat(direct.body()).contains(SITE);
		assertThat(Files.readString(JOURNEY.platform().data.resolve("sites/" + siteId + "/public/index.html"))).contains(SITE);
	}

	@Test
	@Order(2)
	void aBadSiteNameIsRefusedOnTheFormAndNothingIsCreated() throws Exception {
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/new");
		JOURNEY.browser().findElement(By.id("name")).sendKeys("Bad Name!");
		JOURNEY.browser().findElement(By.id("create")).click();
		WebElement error = JOURNEY.portal().waitUpTo(PAGE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")));
		assertThat(error.getText()).contains("lowercase letters");
		JOURNEY.portal().screenshot("5-bad-name");
		JOURNEY.browser().findElement(By.id("name")).clear();
		JOURNEY.browser().findElement(By.id("name")).sendKeys("www");
		JOURNEY.browser().findElement(By.id("create")).click();
		// The first answer's error is on the page until the second answer replaces it: the old one must go first,
		// or the wait finds it and reads it as the new page loads (a run failed so, "stale element reference").
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.stalenessOf(error));
		assertThat(JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("name-error")))
			.getText()).contains("reserved");
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites");
		assertThat(JOURNEY.browser().findElements(By.cssSelector("#site-list a"))).extracting(WebElement::getText)
			.singleElement().asString().contains(SITE);
	}

	@Test
	@Order(3)
	void anotherStudentGetsNotFoundForTheFirstStudentsSitePage() throws Exception {
		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent("bob", "bob-password-12");
		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn("bob", "bob-password-12");
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + siteId);
		assertThat(JOURNEY.browser().findElement(By.id("not-found")).getText()).isEqualTo("Not found");
		JOURNEY.portal().screenshot("6-not-found");
		assertThat(JOURNEY.browser().getPageSource()).doesNotContain(SITE);

		HttpClient bob = loggedIn("bob", "bob-password-12");
		HttpResponse<String> page = bob.send(HttpRequest.newBuilder(URI.create(JOURNEY.platform().portal() + "/sites/" + siteId))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).doesNotContain(SITE);
		JOURNEY.portal().logOut();
	}

	@Test
	@Order(4)
	void everyPageFitsAPhoneScreenUprightOrSidewaysWithNoSidewaysScrolling() throws Exception {
		String portal = JOURNEY.platform().portal();
		String site = "/sites/" + siteId;
		for (Function<ChromeDriver, PhoneScreen> screen : PhoneScreen.BOTH_WAYS) {
			try (PhoneScreen phone = screen.apply(JOURNEY.browser())) {
				phone.assertFits(portal, "anyone", List.of("/login"));
				JOURNEY.portal().logIn("alice", "alice-password-1");
				phone.assertFits(portal, "alice", List.of("/sites", "/sites/new", site, site + "/files",
						site + "/terminal", site + "/database", site + "/domains", site + "/type", "/account/ssh-keys",
						"/account/tokens"));
				JOURNEY.portal().logOut();
				JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
				phone.assertFits(portal, "admin", List.of("/sites", site, "/admin/sites/" + siteId, "/admin/users",
						"/admin/users/new", "/admin/runtimes", "/admin/runtimes/new", "/admin/database-hosts",
						"/admin/database-hosts/new", "/admin/domains", "/admin/operations", "/admin/repairs", "/account/tokens"));
				JOURNEY.portal().logOut();
			}
		}
	}

	@Test
	@Order(5)
	void unsignedRequestsToTheOrchestratorAndTheRouterAreRefused() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> orchestrator = http.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + JOURNEY.platform().orchestratorPort + "/sites/" + siteId))
			.DELETE().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(orchestrator.statusCode()).isEqualTo(401);
		assertThat(orchestrator.body()).contains("not signed");
		HttpResponse<String> router = http.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + JOURNEY.platform().routerApiPort + "/routes/" + siteId))
			.DELETE().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(router.statusCode()).isEqualTo(401);
		// Neither refusal changed anything: the site still answers.
		assertThat(Http.get(JOURNEY.platform().sitesPort, SITE + ".sites.localhost", "/").status()).isEqualTo(200);
	}

	@Test
	@Order(6)
	void aScriptCreatesASiteWithATokenFromTheApiTokensPageAndTheSiteAnswersThroughTheRouter() throws Exception {
		JOURNEY.portal().logIn("alice", "alice-password-1");
		JOURNEY.browser().findElement(By.id("nav-api-tokens")).click();
		JOURNEY.browser().findElement(By.id("token-name")).sendKeys("deploy script");
		JOURNEY.browser().findElement(By.id("scope-sites-write")).click();
		JOURNEY.browser().findElement(By.id("make-token")).click();
		String token = JOURNEY.portal().waitUpTo(PAGE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-token"))).getText();
		JOURNEY.portal().screenshot("api-token-made");
		String api = JOURNEY.platform().portal() + "/api/v1";

		// The operator's script on ./director ctl: sign in, create and wait, list, refusals' exit codes, the address.
		String printed = script("operator.sh", token, JOURNEY.platform().portal(), "from-a-script");
		System.out.printf("[api] the operator's script printed:%n%s%n", printed);
		assertThat(printed).endsWith(JOURNEY.platform().siteUrl("from-a-script"))
			.contains("operation").contains("SUCCEEDED").doesNotContain(token);
		Http.Response served = Http.get(JOURNEY.platform().sitesPort, "from-a-script.sites.localhost", "/");
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.body()).contains("from-a-script");
		// The page the script wrote through the files API, served through the router.
		Http.Response written = Http.get(JOURNEY.platform().sitesPort, "from-a-script.sites.localhost",
				"/from-api.html");
		assertThat(written.status()).isEqualTo(200);
		assertThat(written.body()).contains("written through the API");

		// Reloaded, the page no longer shows the token, and lists it with its last use; once revoked, the same call
		// is refused with why.
		JOURNEY.browser().navigate().refresh();
		assertThat(JOURNEY.browser().getPageSource()).doesNotContain(token);
		assertThat(JOURNEY.browser().findElements(By.cssSelector("#api-tokens tbody tr"))).hasSize(1);
		assertThat(JOURNEY.browser().findElement(By.cssSelector(".token-last-used")).getText()).endsWith("from 127.0.0.1");
		JOURNEY.browser().findElement(By.cssSelector("[id^=revoke-token-]")).click();
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.textToBe(By.cssSelector(".token-state"), "revoked"));
		HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/sites"))
			.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("revoked");
		JOURNEY.portal().logOut();

		// An administrator imports a class with a token that has the admin scope; the new student signs in with the
		// password the import made.
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.browser().findElement(By.id("nav-api-tokens")).click();
		JOURNEY.browser().findElement(By.id("token-name")).sendKeys("class import");
		JOURNEY.browser().findElement(By.id("scope-sites-write")).click();
		JOURNEY.browser().findElement(By.id("scope-admin")).click();
		JOURNEY.browser().findElement(By.id("scope-metrics-read")).click();
		JOURNEY.browser().findElement(By.id("make-token")).click();
		String adminToken = JOURNEY.portal().waitUpTo(PAGE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-token"))).getText();
		JOURNEY.portal().logOut();
		String imported = script("accounts.sh", adminToken, JOURNEY.platform().portal());
		String password = imported.substring(imported.lastIndexOf('\n') + 1);
		assertThat(password).as(imported).matches("[A-Za-z0-9]{20}");
		JOURNEY.portal().logIn("imported_ann", password);
		JOURNEY.portal().logOut();

		// The same token reads every component's metrics through the portal, as Prometheus would; each parses with
		// Prometheus's own parser and has counted what this journey did.
		Map<String, Double> router = metrics(api + "/metrics/router", adminToken);
		assertThat(router.keySet()).anyMatch(sample -> sample.startsWith("director_nginx_reloads_seconds_count{"
				+ "nginx=router"));
		Map<String, Double> orchestrator = metrics(api + "/metrics/orchestrator", adminToken);
		assertThat(orchestrator.keySet()).anyMatch(sample -> sample.startsWith("director_site_converges_seconds_count{"));
		Map<String, Double> shell = metrics(api + "/metrics/shell", adminToken);
		assertThat(shell).containsKey("director_ssh_logins_total{method=password,result=accepted}")
			.containsKey("director_ssh_connections_open{}");
		Map<String, Double> portal = metrics(JOURNEY.platform().portal() + "/actuator/prometheus", adminToken);
		assertThat(portal.keySet()).anyMatch(sample -> sample.startsWith("director_operations_seconds_count{"));
	}

	private static Map<String, Double> metrics(String url, String token) throws Exception {
		HttpResponse<String> scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(scraped.statusCode()).as(url + ": " + scraped.body()).isEqualTo(200);
		return PrometheusText.parse(scraped.body());
	}

	@Test
	@Order(7)
	void anOperatorWithATokenOfTheirOwnWorksTheOrchestratorFromAScriptUntilTheTokenIsRevoked() throws Exception {
		Platform platform = JOURNEY.platform();
		Platform.Command added = platform.command(platform.data, "operator", "add", "journey-operator", "--days", "1");
		assertThat(added.exitCode()).as(added.output()).isZero();
		String token = added.output().lines().filter(line -> line.startsWith("dop_")).findFirst().orElseThrow();
		String orchestrator = "http://127.0.0.1:" + platform.orchestratorPort;

		String printed = script("orchestrator-operator.sh", token, orchestrator, "from-a-script");

		System.out.printf("[operator] the orchestrator operator's script printed:%n%s%n", printed);
		assertThat(printed).doesNotContain(token).contains("leader").contains("reloaded");
		String record = Files.readString(platform.data.resolve("operators/audit.jsonl"));
		assertThat(record).contains("\"operator\":\"journey-operator\"", "/operator/v1/sites/converge")
			.doesNotContain(token);
		// The site is still served after every site was converged and the app servers reloaded.
		assertThat(Http.get(platform.sitesPort, "from-a-script.sites.localhost", "/").status()).isEqualTo(200);

		Platform.Command revoked = platform.command(platform.data, "operator", "revoke", "journey-operator");
		assertThat(revoked.exitCode()).as(revoked.output()).isZero();
		ProcessBuilder refused = new ProcessBuilder(platform.root().resolve("director").toString(), "ctl",
				"orchestrator", "nodes").redirectErrorStream(true);
		refused.environment().put("DIRECTOR_OPERATOR_URL", orchestrator);
		refused.environment().put("DIRECTOR_OPERATOR_TOKEN", token);
		Process call = refused.start();
		String said = new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(call.waitFor()).as(said).isEqualTo(3);
	}

	@Test
	@Order(8)
	void theStopCommandStopsEverythingAndTheNextStartKeepsTheData() throws Exception {
		assertThat(JOURNEY.stop()).isZero();
		assertThat(Host.run("/usr/bin/docker", "service", "inspect", JOURNEY.platform().appserverService)).isNotZero();
		assertThat(Host.run("/usr/bin/docker", "service", "inspect", JOURNEY.platform().appserverService + "-2"))
			.isNotZero();
		assertThat(Http.reachable(JOURNEY.platform().portalPort)).isFalse();
		assertThat(Http.reachable(JOURNEY.platform().sitesPort)).isFalse();
		assertThat(Http.reachable(JOURNEY.platform().orchestratorPort)).isFalse();

		JOURNEY.startAgain();
		System.out.printf("platform up in %d ms (second start)%n", JOURNEY.platform().startup.toMillis());
		assertThat(JOURNEY.platform().startup).isLessThan(Duration.ofSeconds(60));
		assertThat(JOURNEY.platform().output()).noneMatch(line -> line.contains("Password:"));
		HttpClient alice = loggedIn("alice", "alice-password-1");
		assertThat(alice.send(HttpRequest.newBuilder(URI.create(JOURNEY.platform().portal() + "/sites")).build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains(SITE);
		// The site, served by the new platform, answers with its page again.
		JOURNEY.answers().await(SITE, "/", SITE);
	}

	/**
	 * Runs one of the operators' scripts ({@code src-test/.../scripts}) with the project's directory and these
	 * arguments, the token on its standard input, and answers what it printed once it exited with 0. Its output is read
	 * to its end, which comes when it exits; a client that hung would hang it, so the script is stopped after two
	 * minutes.
	 */
	private String script(String name, String token, String... arguments) throws Exception {
		Path script = Path.of(getClass().getResource("/scripts/" + name).toURI());
		List<String> command = new ArrayList<>(List.of("bash", script.toString(),
				JOURNEY.platform().root().toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write((token + "\n").getBytes(StandardCharsets.UTF_8));
		}
		Thread watchdog = new Thread(() -> {
			try {
				if (!process.waitFor(2, TimeUnit.MINUTES)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		watchdog.start();
		String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor()).as(printed).isZero();
		return printed;
	}

	/** An HTTP client with a portal session, logged in through the real form with its CSRF token. */
	private static HttpClient loggedIn(String username, String password) throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();
		String form = http.send(HttpRequest.newBuilder(URI.create(JOURNEY.platform().portal() + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
		assertThat(token.find()).as("login form has a CSRF token").isTrue();
		String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(JOURNEY.platform().portal() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/sites"));
		return http;
	}

}
