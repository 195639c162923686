package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

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

import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.system.PortalErrors;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * What the Domains pages refuse: names that are not domains or are the platform's, a domain another site has, and
 * anyone reaching for another person's site or domain, which is not found as everywhere in the portal.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CustomDomainRefusalsIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(CustomDomainRefusalsIntegrationTests.class);

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
		// Names under the default sites.localhost are refused as localhost's before the sites domain is considered.
		registry.add("director.sites.domain", () -> "sites.school.org");
		// The name the router serves the portal on, whatever name a request reaches the portal by.
		registry.add("director.acme.portal-host", () -> "portal.school.org");
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "heidi", "ivan");
		pages = new DomainPages(mvc, jdbc);
	}

	private long createSite(String owner, String name) throws Exception {
		long id = SiteForms.create(mvc, owner, name, "STATIC", null);
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	private long domains(long siteId) {
		return jdbc.sql("select count(*) from custom_domains where site_id = ?").param(siteId).query(Long.class)
			.single();
	}

	@Test
	void namesThatAreNotDomainsAreFormErrorsAndNothingIsStored() throws Exception {
		long site = createSite("heidi", "heidi-bad");
		// Each refusal names what was typed, HTML-escaped on the page, and says what is wrong.
		Map<String, String> refusals = Map.of(
				"*.heidi-example.org", "&quot;*.heidi-example.org&quot; is not a domain name: ",
				"http://heidi-example.org/", "&quot;http://heidi-example.org/&quot; is not a domain name: ",
				"192.0.2.1", "&quot;192.0.2.1&quot; is an IP address, not a domain name",
				"heidi example.org", "&quot;heidi example.org&quot; is not a domain name: ",
				"<script>alert(1)</script>.org",
				"&quot;&lt;script&gt;alert(1)&lt;/script&gt;.org&quot; is not a domain name: ",
				"heidi_example.org", "&quot;heidi_example.org&quot; is not a domain name: ",
				"  ", "Enter a domain name, like www.example.org.");
		for (var refusal : refusals.entrySet()) {
			pages.add(as("heidi"), site, refusal.getKey())
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"domain-error\"")))
				.andExpect(content().string(containsString(refusal.getValue())))
				.andExpect(content().string(not(containsString("<script>alert"))));
		}
		assertThat(domains(site)).isZero();
	}

	@Test
	void thePlatformsOwnNamesAreRefused() throws Exception {
		long site = createSite("heidi", "heidi-platform");

		pages.add(as("heidi"), site, "ivan-site.Sites.School.org").andExpect(content().string(
				containsString("belongs to the platform: sites have their own names under sites.school.org already")));
		pages.add(as("heidi"), site, "shop.localhost").andExpect(content().string(
				containsString("is a name of the computer itself (localhost)")));
		mvc.perform(post("/sites/" + site + "/domains").param("name", "www.director.school.org").with(as("heidi"))
			.with(csrf()).with(request -> {
				request.setServerName("director.school.org");
				return request;
			}))
			.andExpect(content().string(containsString("it is the portal&#39;s name, director.school.org")));
		pages.add(as("heidi"), site, "Portal.School.org").andExpect(content().string(
				containsString("it is the portal&#39;s name, portal.school.org")));
		pages.add(as("heidi"), site, "login.portal.school.org").andExpect(content().string(
				containsString("it is the portal&#39;s name, portal.school.org, or a name under it")));

		assertThat(domains(site)).isZero();
	}

	@Test
	void aDomainAnotherSiteHasIsRefused() throws Exception {
		long heidis = createSite("heidi", "heidi-first");
		long ivans = createSite("ivan", "ivan-second");
		pages.add(as("heidi"), heidis, "taken.example.org").andExpect(status().is3xxRedirection());

		pages.add(as("ivan"), ivans, "TAKEN.example.org.").andExpect(status().isOk()).andExpect(content().string(
				containsString("&quot;taken.example.org&quot; belongs to another site; a domain can be one site&#39;s"
						+ " only.")));
		pages.add(as("heidi"), heidis, "taken.example.org").andExpect(content().string(
				containsString("&quot;taken.example.org&quot; is this site&#39;s already.")));

		assertThat(domains(ivans)).isZero();
		assertThat(domains(heidis)).isOne();
	}

	@Test
	void aStudentCannotSeeCheckOrRemoveAnotherStudentsDomains() throws Exception {
		long heidis = createSite("heidi", "heidi-private");
		long ivans = createSite("ivan", "ivan-own");
		pages.add(as("heidi"), heidis, "private.heidi-example.org");
		long domain = pages.id("private.heidi-example.org");

		mvc.perform(get("/sites/" + heidis + "/domains").with(as("ivan"))).andExpect(status().isNotFound())
			.andExpect(content().string(containsString(PortalErrors.NOT_FOUND.replace("'", "&#39;"))));
		pages.add(as("ivan"), heidis, "ivan.example.org").andExpect(status().isNotFound());
		pages.check(as("ivan"), heidis, domain).andExpect(status().isNotFound());
		pages.remove(as("ivan"), heidis, domain).andExpect(status().isNotFound());
		// His own site's id with her domain's id finds nothing either.
		pages.check(as("ivan"), ivans, domain).andExpect(status().isNotFound());
		pages.remove(as("ivan"), ivans, domain).andExpect(status().isNotFound());
		mvc.perform(get("/sites/" + ivans + "/domains").with(as("ivan")))
			.andExpect(content().string(not(containsString("private.heidi-example.org"))));

		assertThat(pages.count("private.heidi-example.org")).isOne();
		assertThat(pages.state("private.heidi-example.org")).isEqualTo("WAITING_FOR_PROOF");
		assertThat(domains(ivans)).isZero();
	}

	@Test
	void studentsCannotUseTheAdministratorsDomainPages() throws Exception {
		long site = createSite("heidi", "heidi-approve");
		pages.add(as("heidi"), site, "approve.heidi-example.org");
		long domain = pages.id("approve.heidi-example.org");

		mvc.perform(get("/admin/domains").with(as("heidi"))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/domains/" + domain + "/approve").with(as("heidi")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/domains/" + domain + "/reject").param("reason", "mine").with(as("heidi"))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(post("/admin/domains/approval").param("required", "false").with(as("heidi")).with(csrf()))
			.andExpect(status().isForbidden());

		assertThat(pages.state("approve.heidi-example.org")).isEqualTo("WAITING_FOR_PROOF");
	}

	@Test
	void formsWithoutACsrfTokenAreRefused() throws Exception {
		long site = createSite("heidi", "heidi-csrf");
		pages.add(as("heidi"), site, "csrf.heidi-example.org");
		long domain = pages.id("csrf.heidi-example.org");

		mvc.perform(post("/sites/" + site + "/domains").param("name", "other.heidi-example.org").with(as("heidi")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/sites/" + site + "/domains/" + domain + "/delete").with(as("heidi")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/sites/" + site + "/domains/" + domain + "/check").with(as("heidi")))
			.andExpect(status().isForbidden());

		assertThat(domains(site)).isOne();
	}

	@Test
	void aDisabledSitesOwnerCannotAddADomain() throws Exception {
		long site = createSite("heidi", "heidi-disabled");
		jdbc.sql("update sites set availability = 'DISABLED' where id = ?").param(site).update();

		pages.add(as("heidi"), site, "disabled.heidi-example.org").andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));

		assertThat(domains(site)).isZero();
	}

}
