package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.DomainPages.routes;
import static edu.tjhsst.director.manager.DomainPages.specs;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static edu.tjhsst.director.manager.TestTokens.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.common.testing.ChallengeDnsServer;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * A site's custom domains from adding to removing, checked against a real DNS server (Pebble's challenge test
 * server): the site answers on a domain, through the app server's and the router's configuration, only while it is
 * active, that is proven and, where administrators ask for it, approved.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CustomDomainIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(CustomDomainIntegrationTests.class);

	@RegisterExtension
	static final ChallengeDnsServer DNS = new ChallengeDnsServer();

	private static final RequestPostProcessor ADMIN = SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");

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
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "grace");
		TestAccounts.administrator(users, "admin");
		pages = new DomainPages(mvc, jdbc);
	}

	private long createSite(String name) throws Exception {
		long id = SiteForms.create(mvc, "grace", name, "STATIC", null);
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	private void approvalRequired(boolean required) throws Exception {
		mvc.perform(post("/admin/domains/approval").param("required", Boolean.toString(required)).with(ADMIN)
			.with(csrf())).andExpect(status().is3xxRedirection());
	}

	@Test
	void aProvenDomainJoinsTheSitesRouteAndLeavesItWhenRemoved() throws Exception {
		approvalRequired(false);
		long site = createSite("grace-blog");
		mvc.perform(get("/sites/" + site).with(as("grace")))
			.andExpect(content().string(containsString("href=\"/sites/" + site + "/domains\"")));

		pages.add(as("grace"), site, " Blog.Grace-Example.ORG. ").andExpect(status().is3xxRedirection());
		String name = "blog.grace-example.org";
		long id = pages.id(name);
		String token = pages.token(name);
		assertThat(token).matches("[a-z2-7]{32}");
		mvc.perform(get("/sites/" + site + "/domains").with(as("grace")))
			.andExpect(content().string(containsString("_director-challenge." + name)))
			.andExpect(content().string(containsString(token)))
			.andExpect(content().string(containsString("Waiting for the DNS proof")));

		pages.check(as("grace"), site, id).andExpect(flash().attribute("warning",
				allOf(containsString("There is no TXT record of _director-challenge." + name),
						containsString("It stays: waiting for the DNS proof."))));
		assertThat(pages.state(name)).isEqualTo("WAITING_FOR_PROOF");
		assertThat(routes(COMPONENTS, site)).noneMatch(call -> call.contains(name));

		DNS.addTxt("_director-challenge." + name, "someone-elses-token");
		pages.check(as("grace"), site, id).andExpect(flash().attribute("warning",
				containsString("does not hold the token (found: \"someone-elses-token\")")));
		assertThat(pages.state(name)).isEqualTo("WAITING_FOR_PROOF");

		DNS.addTxt("_director-challenge." + name, token);
		pages.check(as("grace"), site, id).andExpect(flash().attribute("notice", containsString(
				"holds the token: ownership is proven. The domain is active")));
		assertThat(pages.state(name)).isEqualTo("ACTIVE");
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		assertThat(routes(COMPONENTS, site)).last().asString()
			.contains("\"hosts\":[\"grace-blog.sites.localhost\",\"" + name + "\"]");
		assertThat(specs(COMPONENTS, site)).last().asString()
			.contains("\"hosts\":[\"grace-blog.sites.localhost\",\"" + name + "\"]");

		pages.remove(as("grace"), site, id).andExpect(status().is3xxRedirection());
		assertThat(pages.count(name)).isZero();
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		assertThat(routes(COMPONENTS, site)).last().asString().contains("\"hosts\":[\"grace-blog.sites.localhost\"]");
		assertThat(specs(COMPONENTS, site)).last().asString().doesNotContain(name);
	}

	@Test
	void aDomainWhoseRecordIsGoneLeavesTheRouteAtTheNextCheck() throws Exception {
		approvalRequired(false);
		long site = createSite("grace-lost");
		String name = "lost.grace-example.org";
		pages.add(as("grace"), site, name);
		DNS.addTxt("_director-challenge." + name, pages.token(name));
		pages.check(as("grace"), site, pages.id(name));
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		assertThat(routes(COMPONENTS, site)).last().asString().contains(name);

		DNS.clearTxt("_director-challenge." + name);
		pages.check(as("grace"), site, pages.id(name)).andExpect(flash().attribute("warning",
				containsString("The proof is gone, so the domain waits for its proof again.")));

		assertThat(pages.state(name)).isEqualTo("WAITING_FOR_PROOF");
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		assertThat(routes(COMPONENTS, site)).last().asString().doesNotContain(name);
	}

	@Test
	void whereApprovalIsRequiredAProvenDomainWaitsForAnAdministrator() throws Exception {
		approvalRequired(true);
		try {
			long site = createSite("grace-shop");
			String name = "shop.grace-example.org";
			pages.add(as("grace"), site, name);
			DNS.addTxt("_director-challenge." + name, pages.token(name));
			pages.check(as("grace"), site, pages.id(name)).andExpect(flash().attribute("notice",
					containsString("It now waits for an administrator's approval.")));
			assertThat(pages.state(name)).isEqualTo("WAITING_FOR_APPROVAL");
			assertThat(operations.latest(site).orElseThrow().kind()).isEqualTo(OperationKind.CREATE_SITE);
			mvc.perform(get("/admin/domains").with(ADMIN))
				.andExpect(content().string(containsString(name)))
				.andExpect(content().string(containsString("/admin/domains/" + pages.id(name) + "/approve")));

			mvc.perform(post("/admin/domains/" + pages.id(name) + "/approve").with(ADMIN).with(csrf()))
				.andExpect(flash().attribute("notice", containsString("Approved " + name)));
			assertThat(pages.state(name)).isEqualTo("ACTIVE");
			awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
			assertThat(routes(COMPONENTS, site)).last().asString().contains(name);

			mvc.perform(post("/admin/domains/" + pages.id(name) + "/reject").param("reason", "Not a school <site>.")
				.with(ADMIN).with(csrf())).andExpect(flash().attribute("notice", containsString("Rejected " + name)));
			assertThat(pages.state(name)).isEqualTo("REJECTED");
			awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
			assertThat(routes(COMPONENTS, site)).last().asString().doesNotContain(name);
			mvc.perform(get("/sites/" + site + "/domains").with(as("grace")))
				.andExpect(content().string(containsString("An administrator rejected it: Not a school &lt;site&gt;.")));
			pages.check(as("grace"), site, pages.id(name)).andExpect(flash().attribute("error",
					"An administrator rejected " + name + ": Not a school <site>."));
			String token = TestTokens.make(mvc, as("grace"), "sites:write");
			String api = "/api/v1/sites/" + site + "/domains/" + pages.id(name);
			assertProblem(call(post(api + "/check"), token), 409, "An administrator rejected " + name);
			assertProblem(call(delete(api), token), 409, "only an administrator can remove it");
			pages.remove(as("grace"), site, pages.id(name)).andExpect(flash().attribute("error",
					"An administrator rejected " + name + ", so only an administrator can remove it."));
			assertThat(pages.state(name)).as("removing and adding it again would undo the rejection")
				.isEqualTo("REJECTED");
			pages.remove(ADMIN, site, pages.id(name)).andExpect(flash().attribute("notice",
					containsString("Removed the domain")));
			assertThat(pages.count(name)).isZero();
		}
		finally {
			approvalRequired(false);
		}
	}

	@Test
	void aRejectionNeedsAReason() throws Exception {
		long site = createSite("grace-reason");
		String name = "reason.grace-example.org";
		pages.add(as("grace"), site, name);

		mvc.perform(post("/admin/domains/" + pages.id(name) + "/reject").param("reason", "  ").with(ADMIN)
			.with(csrf())).andExpect(flash().attribute("error", containsString("Give a reason")));

		assertThat(pages.state(name)).isEqualTo("WAITING_FOR_PROOF");
	}

	@Test
	void deletingASiteDeletesItsDomains() throws Exception {
		long site = createSite("grace-gone");
		pages.add(as("grace"), site, "gone.grace-example.org");

		assertThat(pages.count("gone.grace-example.org")).isOne();

		mvc.perform(post("/sites/" + site + "/delete").param("confirm", "grace-gone").with(as("grace")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		OperationWaits.until(operations, site, "the site to be deleted",
				() -> jdbc.sql("select count(*) from sites where id = ?").param(site).query(Long.class).single() == 0);

		assertThat(pages.count("gone.grace-example.org")).isZero();
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token) throws Exception {
		return TestTokens.call(mvc, request, token);
	}

}
