package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.DomainPages.routes;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.ChallengeDnsServer;
import edu.tjhsst.director.common.testing.PebbleCa;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * Certificates for custom domains from a real ACME CA (Debian's Pebble), which validates each name over HTTP-01 at the
 * stand-in router's front door, found through a real DNS server. Pebble's certificates here live 30 seconds, so the
 * renewal job must renew them by itself; domains are checked in DNS again every two seconds.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CertificateIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(CertificateIntegrationTests.class);

	@RegisterExtension
	static final ChallengeDnsServer DNS = new ChallengeDnsServer();

	private static final Duration VALIDITY = Duration.ofSeconds(30);

	private static final Duration ISSUED_WITHIN = Duration.ofSeconds(60);

	private static PebbleCa pebble;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	private DomainPages pages;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		registry.add("director.domains.resolver", DNS::resolver);
		registry.add("director.domains.dns-timeout", () -> "500ms");
		registry.add("director.acme.directory", () -> pebble().directoryUrl());
		registry.add("director.acme.ca-file", () -> pebble().caFile().toString());
		registry.add("director.acme.sweep-interval", () -> "1s");
		registry.add("director.acme.order-timeout", () -> "20s");
		registry.add("director.domains.recheck-interval", () -> "2s");
	}

	/** Started when the context first needs it, once the stand-ins' port and the DNS server are known. */
	private static synchronized PebbleCa pebble() {
		if (pebble == null) {
			try {
				pebble = PebbleCa.start(COMPONENTS.port(), DNS.resolver(), VALIDITY);
			}
			catch (IOException ex) {
				throw new AssertionError("Pebble did not start", ex);
			}
		}
		return pebble;
	}

	@AfterAll
	static void stopPebble() {
		if (pebble != null) {
			pebble.close();
		}
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "ada");
		pages = new DomainPages(mvc, jdbc);
	}

	/** A site with the domain active: proven by TXT, pointing at the front door by an A record when asked. */
	private long siteWithActiveDomain(String siteName, String domain, boolean pointsHere) throws Exception {
		long site = SiteForms.create(mvc, "ada", siteName, "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		pages.add(as("ada"), site, domain);
		DNS.addTxt("_director-challenge." + domain, pages.token(domain));
		if (pointsHere) {
			DNS.addA(domain, "127.0.0.1");
		}
		pages.check(as("ada"), site, pages.id(domain));
		assertThat(pages.state(domain)).isEqualTo("ACTIVE");
		// The site takes no other change while the activation's operation runs.
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		return site;
	}

	private List<X509Certificate> installed(String domain) {
		return COMPONENTS.tls.installed.getOrDefault(domain, List.of());
	}

	@Test
	void aProvenDomainGetsACertificateFromTheCaWhichTheRouterIsGiven() throws Exception {
		String domain = "www.ada-example.org";
		long site = siteWithActiveDomain("ada-www", domain, true);

		Await.until("a certificate for " + domain + " on the router", ISSUED_WITHIN, () -> !installed(domain).isEmpty());
		X509Certificate leaf = installed(domain).get(0);
		assertThat(leaf.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
			.containsExactly(domain);
		X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
				new ByteArrayInputStream(pebble.issuedRoot().getBytes(StandardCharsets.US_ASCII)));
		assertThat(leaf.getIssuerX500Principal()).as("issued by Pebble's intermediate, not self-made")
			.isNotEqualTo(leaf.getSubjectX500Principal());
		assertThat(root.getBasicConstraints()).isNotNegative();

		mvc.perform(get("/sites/" + site + "/domains").with(as("ada")))
			.andExpect(content().string(containsString("HTTPS: certificate valid until")));
		String sealed = jdbc.sql("select key_sealed from certificates where host_name = ?").param(domain)
			.query(String.class).single();
		assertThat(sealed).as("the key is stored sealed, never as PEM").startsWith("v1:").doesNotContain("PRIVATE");
		assertThat(routes(COMPONENTS, site)).last().asString().contains(domain);
	}

	@Test
	void aShortLivedCertificateIsRenewedBeforeItExpires() throws Exception {
		String domain = "renew.ada-example.org";
		siteWithActiveDomain("ada-renew", domain, true);

		Await.until("a first certificate for " + domain, ISSUED_WITHIN, () -> !installed(domain).isEmpty());
		X509Certificate first = installed(domain).get(0);
		Await.until("a renewed certificate for " + domain, ISSUED_WITHIN, () -> installed(domain).size() >= 2);
		X509Certificate second = installed(domain).get(1);
		assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
		assertThat(second.getNotAfter()).isAfter(first.getNotAfter());
		assertThat(first.getNotAfter().toInstant()).as("renewed before the first expired")
			.isAfter(java.time.Instant.now().minus(Duration.ofSeconds(5)));
	}

	@Test
	void aCaFailureShowsTheCasOwnWordsAndTheDomainStaysServedOverHttp() throws Exception {
		String domain = "nowhere.ada-example.org";
		long site = siteWithActiveDomain("ada-nowhere", domain, false);

		Await.until("the certificate of " + domain + " to fail", ISSUED_WITHIN, () -> "FAILED".equals(jdbc
			.sql("select state from certificates where host_name = ?").param(domain).query(String.class).optional()
			.orElse(null)));
		String error = jdbc.sql("select last_error from certificates where host_name = ?").param(domain)
			.query(String.class).single();
		// Pebble's own words: it could not look the name up in DNS.
		assertThat(error).startsWith("The CA could not validate " + domain + ": ")
			.contains("could not resolve URL \"http://" + domain + ":" + COMPONENTS.port() + "/.well-known/acme-challenge/");
		mvc.perform(get("/sites/" + site + "/domains").with(as("ada")))
			.andExpect(content().string(containsString("HTTPS: no certificate: The CA could not validate")))
			.andExpect(content().string(containsString("The domain is served over HTTP. Next try:")));
		assertThat(installed(domain)).isEmpty();
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		assertThat(routes(COMPONENTS, site)).last().asString().as("still routed, over HTTP").contains(domain);
		Duration wait = Duration.between(java.time.Instant.now(), jdbc
			.sql("select next_attempt_at from certificates where host_name = ?").param(domain)
			.query(java.sql.Timestamp.class).single().toInstant());
		assertThat(wait).as("the next try waits, rather than hammering the CA").isGreaterThan(Duration.ofMinutes(4));
	}

	@Test
	void aRemovedDomainsCertificateLeavesTheRouterAndComesBackWithoutANewOrderWhenTheDomainDoes() throws Exception {
		String domain = "gone.ada-example.org";
		long site = siteWithActiveDomain("ada-gone", domain, true);
		Await.until("a certificate for " + domain, ISSUED_WITHIN, () -> !installed(domain).isEmpty());
		X509Certificate first = installed(domain).get(0);

		pages.remove(as("ada"), site, pages.id(domain));
		Await.until("the router to be told", ISSUED_WITHIN, () -> COMPONENTS.tls.removed.contains(domain));
		// The removal's operation must end before the site takes another change (a CI run checked too soon).
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		mvc.perform(get("/sites/" + site + "/domains").with(as("ada")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(domain))));

		// Removing and adding a domain again and again must not make the platform order again and again, which
		// would spend the CA's limits that every site shares.
		pages.add(as("ada"), site, domain);
		DNS.addTxt("_director-challenge." + domain, pages.token(domain));
		pages.check(as("ada"), site, pages.id(domain));
		Await.until("the certificate back on the router", ISSUED_WITHIN, () -> installed(domain).size() == 2);
		assertThat(installed(domain).get(1).getSerialNumber()).as("the same certificate, not a new order")
			.isEqualTo(first.getSerialNumber());
	}

	@Test
	void aDomainWhoseProofDisappearsIsFlaggedByTheRecheckAndLosesRouteAndCertificate() throws Exception {
		String domain = "lapsed.ada-example.org";
		long site = siteWithActiveDomain("ada-lapsed", domain, true);
		Await.until("a certificate for " + domain, ISSUED_WITHIN, () -> !installed(domain).isEmpty());

		DNS.clearTxt("_director-challenge." + domain);

		Await.until("the recheck to find the proof gone", ISSUED_WITHIN,
				() -> pages.state(domain).equals("WAITING_FOR_PROOF"));
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		assertThat(routes(COMPONENTS, site)).last().asString().doesNotContain(domain);
		Await.until("its certificate to leave the router", ISSUED_WITHIN,
				() -> COMPONENTS.tls.removed.contains(domain));
		mvc.perform(get("/sites/" + site + "/domains").with(as("ada")))
			.andExpect(content().string(containsString("Waiting for the DNS proof")));
	}

	@Test
	void aCertificateWhoseRenewalsFailIsTakenOffTheRouterWhenItExpires() throws Exception {
		String domain = "lapsing.ada-example.org";
		long site = siteWithActiveDomain("ada-lapsing", domain, true);
		Await.until("a certificate for " + domain, ISSUED_WITHIN, () -> !installed(domain).isEmpty());

		// The CA can no longer reach the name, so every renewal fails; the certificate runs out.
		DNS.clearA(domain);

		Await.until("the expired certificate off the router", ISSUED_WITHIN,
				() -> COMPONENTS.tls.removed.contains(domain));
		assertThat(installed(domain)).as("no renewal got through").hasSize(1);
		mvc.perform(get("/sites/" + site + "/domains").with(as("ada")))
			.andExpect(content().string(containsString("HTTPS: no certificate: The CA could not validate " + domain)))
			.andExpect(content().string(containsString("The domain is served over HTTP.")));
	}

}
