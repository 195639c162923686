package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.BrowserTest;
import edu.tjhsst.director.common.testing.ChallengeDnsServer;
import edu.tjhsst.director.common.testing.PebbleCa;

/**
 * A custom domain from the student's Add to HTTPS, on the whole platform with a real ACME CA (Debian's Pebble) that
 * validates the name over HTTP-01 at the router's front door, found through a real DNS server: the student adds and
 * proves the domain, the admin approves it, the CA issues a certificate, and the domain answers over HTTPS with a
 * chain that verifies against the CA's root, while plain HTTP redirects there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
class CustomDomainJourneyTests {

	private static final ChallengeDnsServer DNS = new ChallengeDnsServer();

	private static final int SITES_PORT = Host.freePort();

	private static final PebbleCa CA = startCa();

	/** The portal's own name, which the router serves (over HTTPS once the CA issued it a certificate). */
	private static final String PORTAL = "director.maya-example.org";

	@RegisterExtension
	static final Journey JOURNEY = new Journey(Map.of("DIRECTOR_SITES_PORT", Integer.toString(SITES_PORT),
			"DIRECTOR_PORTAL_HOST", PORTAL,
			"DIRECTOR_ACME_DIRECTORY", CA.directoryUrl(), "DIRECTOR_ACME_CA_FILE", CA.caFile().toString(),
			"DIRECTOR_ACME_SWEEP_INTERVAL", "5s", "DIRECTOR_DNS_RESOLVER", DNS.resolver(),
			"DIRECTOR_DNS_TIMEOUT", "500ms"));

	private static final Duration HTTPS_WITHIN = Duration.ofSeconds(90);

	private static final String SITE = "maya-blog";

	private static final String DOMAIN = "blog.maya-example.org";

	private static long siteId;

	private static Path root;

	private static PebbleCa startCa() {
		try {
			DNS.start();
			// Before the platform starts, whose first renewal round orders the portal's certificate at once.
			DNS.addA(PORTAL, "127.0.0.1");
			return PebbleCa.start(SITES_PORT, DNS.resolver(), Duration.ofDays(90));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void stopCa() throws IOException {
		CA.close();
		DNS.stop();
		if (root != null) {
			Files.deleteIfExists(root);
		}
	}

	@Test
	@Order(1)
	void aStudentsProvenAndApprovedDomainIsServedOverHttpsWithTheCasCertificate() throws Exception {
		Portal portal = JOURNEY.portal();
		portal.logIn("admin", JOURNEY.platform().adminPassword);
		portal.createStudent("maya", "maya-password-1");
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/admin/domains");
		JOURNEY.browser().findElement(By.id("approval-toggle")).click();
		portal.waitUpTo(Portal.PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-setting"),
				"Proven domains wait for an administrator's approval."));
		portal.logOut();

		portal.logIn("maya", "maya-password-1");
		siteId = portal.createSite(SITE, "static", null);
		openDomains();
		JOURNEY.browser().findElement(By.id("name")).sendKeys(DOMAIN);
		JOURNEY.browser().findElement(By.id("add-domain-button")).click();
		String token = portal.waitUpTo(Portal.PAGE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".domain-token"))).getText();
		DNS.addTxt("_director-challenge." + DOMAIN, token);
		DNS.addA(DOMAIN, "127.0.0.1");
		click(JOURNEY.browser().findElement(By.xpath("//button[text()='Check']")));
		// The page before the click has an alert of its own (the one Add left), so wait for the new text by
		// locating the alert again on every poll rather than holding an element the reload makes stale.
		portal.waitUpTo(Portal.PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert"),
				"It now waits for an administrator's approval."));
		portal.screenshot("domain-1-waiting-for-approval");
		portal.logOut();

		portal.logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/admin/domains");
		click(JOURNEY.browser().findElement(By.xpath("//tr[td[text()='" + DOMAIN + "']]//button[text()='Approve']")));
		Instant approved = Instant.now();
		portal.waitUpTo(Portal.PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert"),
				"Approved " + DOMAIN));

		Await.until(DOMAIN + " to answer over HTTPS", HTTPS_WITHIN, () -> https(DOMAIN).startsWith("200 "));
		System.out.printf("from Approve to HTTPS answering: %d ms%n", Duration.between(approved, Instant.now()).toMillis());
		assertThat(https(DOMAIN)).as("the site itself, through a chain that verifies against the CA's root")
			.contains(SITE);
		assertThat(curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "--resolve",
				DOMAIN + ":" + SITES_PORT + ":127.0.0.1", "http://" + DOMAIN + ":" + SITES_PORT + "/some/page?x=1"))
			.as("plain HTTP goes to HTTPS, keeping the path")
			.isEqualTo("308 https://" + DOMAIN + ":" + JOURNEY.platform().httpsPort + "/some/page?x=1");
		assertThat(https(SITE + ".sites.localhost")).as("a name with no certificate gets no handshake")
			.startsWith("curl failed");

		JOURNEY.browser().get(JOURNEY.platform().portal() + "/admin/domains");
		assertThat(JOURNEY.browser().findElement(By.cssSelector("#domains .domain-certificate")).getText())
			.startsWith("HTTPS: certificate valid until");
		portal.logOut();
		portal.logIn("maya", "maya-password-1");
		openDomains();
		assertThat(JOURNEY.browser().findElement(By.cssSelector(".domain-certificate")).getText())
			.startsWith("HTTPS: certificate valid until");
		portal.screenshot("domain-2-certificate-valid");
	}

	@Test
	@Order(2)
	void aDomainTheCaCannotValidateShowsTheCasWordsAndKeepsBeingServedOverHttp() throws Exception {
		String domain = "nowhere.maya-example.org";
		openDomains();
		JOURNEY.browser().findElement(By.id("name")).sendKeys(domain);
		JOURNEY.browser().findElement(By.id("add-domain-button")).click();
		WebElement card = JOURNEY.portal().waitUpTo(Portal.PAGE).until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//div[contains(@class,'card')][.//h2[text()='" + domain + "']]")));
		// Proven, but with no address in DNS: the CA cannot reach it.
		DNS.addTxt("_director-challenge." + domain, card.findElement(By.cssSelector(".domain-token")).getText());
		click(card.findElement(By.xpath(".//button[text()='Check']")));
		JOURNEY.portal().waitUpTo(Portal.PAGE).until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector(".alert"), "It now waits for an administrator's approval."));
		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/admin/domains");
		click(JOURNEY.browser().findElement(By.xpath("//tr[td[text()='" + domain + "']]//button[text()='Approve']")));

		Await.until("the CA's refusal on the page", HTTPS_WITHIN, () -> {
			JOURNEY.browser().get(JOURNEY.platform().portal() + "/admin/domains");
			return JOURNEY.browser().findElement(By.xpath("//tr[td[text()='" + domain + "']]")).getText()
				.contains("HTTPS: no certificate: The CA could not validate " + domain);
		});
		JOURNEY.portal().screenshot("domain-3-ca-refused");
		// The route is published by the approval's operation, beside the order, which may well fail first.
		Await.until(domain + " served over HTTP", HTTPS_WITHIN, () -> Http.get(SITES_PORT, domain, "/").status() == 200);
		assertThat(Http.get(SITES_PORT, domain, "/").body()).contains(SITE);
	}

	@Test
	@Order(3)
	void thePortalIsServedThroughTheRouterOverHttpsWithHstsAndASecureSessionCookie() throws Exception {
		String login = "https://" + PORTAL + ":" + JOURNEY.platform().httpsPort + "/login";
		String resolve = PORTAL + ":" + JOURNEY.platform().httpsPort + ":127.0.0.1";
		Await.until("the portal over HTTPS", HTTPS_WITHIN, () -> curl("-o", "/dev/null", "-w", "%{http_code}",
				"--resolve", resolve, "--cacert", root().toString(), login).equals("200"));

		String headers = curl("-D", "-", "-o", "/dev/null", "--resolve", resolve, "--cacert", root().toString(), login);
		assertThat(headers).containsIgnoringCase("Strict-Transport-Security: max-age=31536000");
		assertThat(headers).as("the session cookie goes over HTTPS only")
			.containsPattern("(?i)Set-Cookie: JSESSIONID=[^\\r\\n]*; Secure");
		assertThat(curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "--resolve",
				PORTAL + ":" + SITES_PORT + ":127.0.0.1", "http://" + PORTAL + ":" + SITES_PORT + "/login"))
			.isEqualTo("308 " + login);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/login");
		assertThat(JOURNEY.browser().manage().getCookieNamed("JSESSIONID").isSecure())
			.as("straight to the manager over HTTP, the cookie is not Secure, or it would never come back").isFalse();
	}

	/**
	 * Clicks a button a second domain's card may have pushed below the window's edge; at once, as Bootstrap's smooth
	 * scrolling would still be moving the page when the click lands.
	 */
	private static void click(WebElement button) {
		JOURNEY.browser().executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", button);
		button.click();
	}

	private void openDomains() {
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + siteId + "/domains");
	}

	/** {@code <status> <body>} of the host's front page over HTTPS, verified against the CA's root; or why not. */
	private static String https(String host) throws IOException, InterruptedException {
		String output = curl("--resolve", host + ":" + JOURNEY.platform().httpsPort + ":127.0.0.1", "--cacert",
				root().toString(), "-w", "\n%{http_code}", "https://" + host + ":" + JOURNEY.platform().httpsPort + "/");
		if (output.startsWith("curl failed")) {
			return output;
		}
		int newline = output.lastIndexOf('\n');
		return output.substring(newline + 1) + " " + output.substring(0, newline);
	}

	/** The CA's root, the only one curl trusts here. */
	private static synchronized Path root() throws IOException, InterruptedException {
		if (root == null) {
			root = Files.createTempFile("pebble-root", ".pem");
			Files.writeString(root, CA.issuedRoot());
		}
		return root;
	}

	/** What curl prints with these arguments, or {@code curl failed: <why>}. */
	private static String curl(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "5"));
		command.addAll(List.of(arguments));
		Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return curl.waitFor() == 0 ? output : "curl failed: " + output;
	}

}
