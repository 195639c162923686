package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.SelfSignedCertificates;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * An administrator's wildcard certificate for the sites' own names (DIRECTOR_SITES_CERTIFICATE and _KEY), with no
 * ACME CA: every site's name is given it, and a replaced file reaches the router within one renewal round.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SitesCertificateIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SitesCertificateIntegrationTests.class);

	private static final Path FILES = files();

	private static final Duration WITHIN = Duration.ofSeconds(30);

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		registry.add("director.tls.sites.certificate", () -> FILES.resolve("sites.pem").toString());
		registry.add("director.tls.sites.key", () -> FILES.resolve("sites.key").toString());
		registry.add("director.acme.sweep-interval", () -> "1s");
	}

	private static Path files() {
		try {
			Path directory = Files.createTempDirectory("sites-certificate");
			SelfSignedCertificates.write(directory, "sites", "dns:*.sites.localhost");
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "lin");
	}

	private List<X509Certificate> installed(String host) {
		return COMPONENTS.tls.installed.getOrDefault(host, List.of());
	}

	@Test
	void everySitesOwnNameGetsTheWildcardAndAReplacedFileWithinOneRound() throws Exception {
		long site = SiteForms.create(mvc, "lin", "lin-home", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		String host = "lin-home.sites.localhost";
		Await.until("the wildcard on the router for " + host, WITHIN, () -> !installed(host).isEmpty());
		assertThat(installed(host).get(0).getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
			.containsExactly("*.sites.localhost");
		Thread.sleep(3000);
		assertThat(installed(host)).as("an unchanged file is not given again every round").hasSize(1);
		mvc.perform(get("/admin/domains").with(user("admin").roles("ADMIN")))
			.andExpect(content().string(containsString("Other certificates")))
			.andExpect(content().string(containsString(host)));

		Path next = Files.createTempDirectory("sites-certificate-next");
		SelfSignedCertificates.write(next, "sites", "dns:*.sites.localhost");
		Files.move(next.resolve("sites.key"), FILES.resolve("sites.key"), StandardCopyOption.REPLACE_EXISTING);
		Files.move(next.resolve("sites.pem"), FILES.resolve("sites.pem"), StandardCopyOption.REPLACE_EXISTING);

		Await.until("the replaced wildcard on the router", WITHIN, () -> installed(host).size() == 2);
		assertThat(installed(host).get(1).getSerialNumber()).isNotEqualTo(installed(host).get(0).getSerialNumber());
	}

	@Test
	void aFileThatIsNotAWildcardForTheSitesDomainIsNotGivenToAnySite() throws Exception {
		Path other = Files.createTempDirectory("sites-certificate-other");
		SelfSignedCertificates.write(other, "sites", "dns:*.elsewhere.example");
		Path chain = FILES.resolve("sites.pem");
		String good = Files.readString(chain);
		Files.writeString(chain, Files.readString(other.resolve("sites.pem")));
		try {
			long site = SiteForms.create(mvc, "lin", "lin-other", "STATIC", null);
			awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
			Thread.sleep(3000);
			assertThat(installed("lin-other.sites.localhost")).isEmpty();
		}
		finally {
			Files.writeString(chain, good);
		}
	}

	@Test
	void customDomainsNoCaCanCertifyDoNotKeepTheSitesFromTheWildcard() throws Exception {
		long busy = SiteForms.create(mvc, "lin", "lin-busy", "STATIC", null);
		awaitSucceeded(operations, busy, OperationKind.CREATE_SITE);
		// More active domains than a renewal round orders; with no CA they can never get a certificate.
		for (int n = 0; n < 15; n++) {
			jdbc.sql("insert into custom_domains (site_id, name, token, state) values (?, ?, 'token', 'ACTIVE')")
				.params(busy, "d" + n + ".lin-example.org").update();
		}
		Thread.sleep(2000);

		long site = SiteForms.create(mvc, "lin", "lin-late", "STATIC", null);
		awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		Await.until("the wildcard on the router for the new site", WITHIN,
				() -> !installed("lin-late.sites.localhost").isEmpty());
	}

}
