package edu.tjhsst.director.router.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.router.HttpsFrontDoor;
import edu.tjhsst.director.router.RouterTestSupport;
import edu.tjhsst.director.router.RouterTestSupport.FrontDoorResponse;
import edu.tjhsst.director.router.RouterUnderTest;
import edu.tjhsst.director.router.TestCertificates;
import edu.tjhsst.director.router.TestCertificates.Issued;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole router with its real Nginx: certificates put over the signed API are served over HTTPS, or refused. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
@SlowTest
@ExtendWith(OutputCaptureExtension.class)
class TlsEndToEndTests {

	private static final RouterUnderTest ROUTER = RouterUnderTest
		.in(RouterTestSupport.readableByNginxWorkers(RouterTestSupport.newDataDir("tls")));

	private static final Path CERTS = ROUTER.data().resolve("router-nginx/certs");

	private static final HttpServer APP_SERVER = RouterTestSupport.startEchoingAppServer();

	private static final TestCertificates AUTHORITY = TestCertificates.newAuthority();

	private static final SSLContext TRUST = AUTHORITY.trustingContext();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void router(DynamicPropertyRegistry registry) {
		ROUTER.register(registry);
		registry.add("director.router.appservers", () -> RouterTestSupport.addressOf(APP_SERVER));
		registry.add("director.router.portal-host", () -> "portal.example.org");
		registry.add("director.router.portal-upstream", () -> RouterTestSupport.addressOf(APP_SERVER));
	}

	@AfterAll
	static void stopAppServer() {
		APP_SERVER.stop(0);
	}

	@Test
	void aCertificateForARoutedHostServesHttpsAndPlainHttpRedirectsButStillAnswersChallenges(CapturedOutput output) {
		putRoute(11, "shop.example.org", "shop.sites.localhost");
		Issued issued = AUTHORITY.issue("shop.example.org");
		HttpResponse<String> installed = putCertificate("shop.example.org", issued);
		assertThat(installed.statusCode()).as(installed.body()).isEqualTo(200);
		assertThat(installed.body()).contains("\"host\":\"shop.example.org\"").containsPattern("\"version\":\"[0-9a-f]{16}\"");

		HttpsFrontDoor.Response secure = HttpsFrontDoor.get(TRUST, ROUTER.httpsPort(), "shop.example.org", "/cart?x=1");
		assertThat(secure.status()).isEqualTo(200);
		assertThat(secure.body()).contains("host=shop.example.org").contains("proto=https");
		assertThat(secure.served().getSerialNumber()).isEqualTo(issued.certificate().getSerialNumber());

		FrontDoorResponse plain = HttpsFrontDoor.getPlain(ROUTER.httpPort(), "shop.example.org", "/cart?x=1");
		assertThat(plain.status()).isEqualTo(308);
		assertThat(plain.head()).contains("Location: https://shop.example.org:" + ROUTER.httpsPort() + "/cart?x=1");
		// The site's other name has no certificate and stays on plain HTTP.
		assertThat(HttpsFrontDoor.getPlain(ROUTER.httpPort(), "shop.sites.localhost", "/").body()).contains("proto=http\n");

		String token = "shopToken_0123456789";
		RouterTestSupport.putChallenge(port, token, token + ".thumbprint_0123456789");
		FrontDoorResponse challenge = HttpsFrontDoor.getPlain(ROUTER.httpPort(), "shop.example.org",
				"/.well-known/acme-challenge/" + token);
		assertThat(challenge.status()).isEqualTo(200);
		assertThat(challenge.body()).isEqualTo(token + ".thumbprint_0123456789");
		assertThat(output.getAll()).doesNotContain(issued.keyText());
	}

	@Test
	void refusedCertificatesWriteNothingAndOtherSitesKeepServing() {
		putRoute(12, "kept.example.org");
		putRoute(13, "victim.example.org");
		assertThat(putCertificate("kept.example.org", AUTHORITY.issue("kept.example.org")).statusCode()).isEqualTo(200);
		Instant now = Instant.now();
		Issued good = AUTHORITY.issue("victim.example.org");
		Issued other = AUTHORITY.issue("victim.example.org");
		assertRefused(new Issued(good.certificate(), good.chainPem(), other.keyPem()),
				"the key does not belong to the certificate");
		assertRefused(AUTHORITY.issue("a.example.org"),
				"the certificate does not name victim.example.org; it names a.example.org");
		assertRefused(AUTHORITY.issue("EC", now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(1)),
				"victim.example.org"), "the certificate expired at ");
		assertRefused(AUTHORITY.issue("EC", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)),
				"victim.example.org"), "the certificate is not valid before ");
		assertRefused(new Issued(good.certificate(),
				"-----BEGIN CERTIFICATE-----\nZ2FyYmFnZQ==\n-----END CERTIFICATE-----\n", good.keyPem()),
				"the chain is not a list of PEM X.509 certificates");
		HttpResponse<String> traversal = RouterTestSupport.callAsManager(port, "PUT", "/certificates/..%2F..%2Fetc",
				good.json());
		assertThat(traversal.statusCode()).isBetween(400, 499);
		assertThat(RouterTestSupport.callAsManager(port, "PUT", "/certificates/Evil_Host", good.json()).body())
			.isEqualTo("{\"error\":\"the host must be a lowercase DNS name of letters, digits, dots and hyphens\"}");

		assertThat(CERTS.resolve("victim.example.org")).doesNotExist();
		assertThat(HttpsFrontDoor.get(TRUST, ROUTER.httpsPort(), "kept.example.org", "/").status()).isEqualTo(200);
		assertThat(HttpsFrontDoor.getPlain(ROUTER.httpPort(), "victim.example.org", "/").status()).isEqualTo(200);
	}

	@Test
	void aReplacedCertificateIsServedAndTheOldFilesAreGone() throws IOException {
		putRoute(14, "renew.example.org");
		Issued first = AUTHORITY.issue("renew.example.org");
		Issued second = AUTHORITY.issue("renew.example.org", "www.renew.example.org");
		assertThat(putCertificate("renew.example.org", first).statusCode()).isEqualTo(200);
		String firstVersion = Files.readString(CERTS.resolve("renew.example.org/current")).strip();
		assertThat(putCertificate("renew.example.org", second).statusCode()).isEqualTo(200);
		String secondVersion = Files.readString(CERTS.resolve("renew.example.org/current")).strip();

		assertThat(HttpsFrontDoor.get(TRUST, ROUTER.httpsPort(), "renew.example.org", "/").served().getSerialNumber())
			.isEqualTo(second.certificate().getSerialNumber());
		assertThat(secondVersion).isNotEqualTo(firstVersion);
		try (Stream<Path> files = Files.list(CERTS.resolve("renew.example.org"))) {
			assertThat(files.map(file -> file.getFileName().toString()))
				.containsExactlyInAnyOrder("current", secondVersion + ".crt", secondVersion + ".key");
		}
		assertThat(Files.getPosixFilePermissions(CERTS.resolve("renew.example.org/" + secondVersion + ".key")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(CERTS.resolve("renew.example.org/" + secondVersion + ".crt")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(CERTS.resolve("renew.example.org")))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(RouterTestSupport.callAsManager(port, "GET", "/certificates", "").body())
			.contains("{\"host\":\"renew.example.org\",\"notAfter\":\"" + second.certificate().getNotAfter().toInstant()
					+ "\",\"version\":\"" + secondVersion + "\"}");
	}

	@Test
	void aCertificateForAHostWithoutARouteIsUsedOnceARouteListsIt() {
		assertThat(putCertificate("early.example.org", AUTHORITY.issue("early.example.org")).statusCode())
			.isEqualTo(200);
		assertThatThrownBy(() -> HttpsFrontDoor.get(TRUST, ROUTER.httpsPort(), "early.example.org", "/"))
			.isInstanceOf(UncheckedIOException.class);
		putRoute(15, "early.example.org");
		assertThat(HttpsFrontDoor.get(TRUST, ROUTER.httpsPort(), "early.example.org", "/").body())
			.contains("host=early.example.org");
	}

	@Test
	void aRemovedCertificateSendsItsHostBackToPlainHttp() {
		putRoute(16, "gone.example.org");
		assertThat(putCertificate("gone.example.org", AUTHORITY.issue("gone.example.org")).statusCode()).isEqualTo(200);
		assertThat(HttpsFrontDoor.getPlain(ROUTER.httpPort(), "gone.example.org", "/").status()).isEqualTo(308);
		HttpResponse<String> removed = RouterTestSupport.callAsManager(port, "DELETE", "/certificates/gone.example.org",
				"");
		assertThat(removed.body()).isEqualTo("{\"host\":\"gone.example.org\",\"status\":\"removed\"}");
		assertThat(HttpsFrontDoor.getPlain(ROUTER.httpPort(), "gone.example.org", "/").status()).isEqualTo(200);
		assertThatThrownBy(() -> HttpsFrontDoor.get(TRUST, ROUTER.httpsPort(), "gone.example.org", "/"))
			.isInstanceOf(UncheckedIOException.class);
		assertThat(CERTS.resolve("gone.example.org")).doesNotExist();
	}

	@Test
	void thePortalIsForwardedToTheManagerAndMovesToHttpsWithStrictTransportSecurity() {
		FrontDoorResponse plain = HttpsFrontDoor.getPlain(ROUTER.httpPort(), "portal.example.org", "/login");
		assertThat(plain.status()).isEqualTo(200);
		assertThat(plain.body()).contains("host=portal.example.org");
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "portal.example.org",
				"X-Forwarded-For: 203.0.113.9\r\n").body())
			.as("the portal hears only the address the client connected from").contains("forwarded-for=127.0.0.1\n");
		assertThat(putCertificate("portal.example.org", AUTHORITY.issue("portal.example.org")).statusCode())
			.isEqualTo(200);
		HttpsFrontDoor.Response secure = HttpsFrontDoor.get(TRUST, ROUTER.httpsPort(), "portal.example.org", "/login");
		assertThat(secure.status()).isEqualTo(200);
		assertThat(secure.body()).contains("host=portal.example.org").contains("proto=https");
		assertThat(secure.head()).contains("Strict-Transport-Security: max-age=31536000");
		assertThat(HttpsFrontDoor.getPlain(ROUTER.httpPort(), "portal.example.org", "/login").head())
			.contains("Location: https://portal.example.org:" + ROUTER.httpsPort() + "/login");
	}

	private void assertRefused(Issued issued, String reason) {
		HttpResponse<String> response = putCertificate("victim.example.org", issued);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		assertThat(response.body()).startsWith("{\"error\":\"" + reason).doesNotContain(issued.keyText());
	}

	private void putRoute(long siteId, String... hosts) {
		String body = "{\"siteId\":" + siteId + ",\"hosts\":[\"" + String.join("\",\"", hosts) + "\"]}";
		assertThat(RouterTestSupport.callAsManager(port, "PUT", "/routes/" + siteId, body).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> putCertificate(String host, Issued issued) {
		return RouterTestSupport.callAsManager(port, "PUT", "/certificates/" + host, issued.json());
	}

}
