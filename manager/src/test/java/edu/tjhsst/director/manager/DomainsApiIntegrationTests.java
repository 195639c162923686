package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.DomainPages.routes;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static edu.tjhsst.director.manager.TestTokens.assertProblem;
import static edu.tjhsst.director.manager.TestTokens.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import edu.tjhsst.director.common.testing.ChallengeDnsServer;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * A site's custom domains through the API, as a script manages them, checked against a real DNS server (Pebble's
 * challenge test server): added with the records to make, checked (not proven, then proven and active on the site's
 * route), removed; a name that is not a domain, the platform's, or another site's is refused with why, and another
 * student reaches none of it, not even through a site of their own. An administrator's script approves and rejects
 * proven domains where approval is required.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DomainsApiIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(DomainsApiIntegrationTests.class);

	@RegisterExtension
	static final ChallengeDnsServer DNS = new ChallengeDnsServer();

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
		TestAccounts.students(users, "grace", "hugo");
		TestAccounts.administrator(users, "admin");
		pages = new DomainPages(mvc, jdbc);
	}

	private long createSite(String name) throws Exception {
		long id = SiteForms.create(mvc, "grace", name, "STATIC", null);
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	private void approvalRequired(boolean required) throws Exception {
		mvc.perform(post("/admin/domains/approval").param("required", Boolean.toString(required))
			.with(SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().is3xxRedirection());
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token) throws Exception {
		return TestTokens.call(mvc, request, token);
	}

	@Test
	void aScriptAddsChecksAndRemovesItsSitesDomainThroughTheApiAndCannotTouchAnotherSitesDomain() throws Exception {
		approvalRequired(false);
		long site = createSite("grace-api");
		long hugos = SiteForms.create(mvc, "hugo", "hugo-api", "STATIC", null);
		String writer = TestTokens.make(mvc, as("grace"), "sites:write");
		String reader = TestTokens.make(mvc, as("grace"), "sites:read");
		String stranger = TestTokens.make(mvc, as("hugo"), "sites:write");
		String domains = "/api/v1/sites/" + site + "/domains";
		String name = "api.grace-example.org";
		String body = "{\"name\":\" Api.Grace-Example.ORG. \"}";

		assertThat(call(post(domains).contentType(MediaType.APPLICATION_JSON).content(body), reader).getStatus())
			.isEqualTo(403);
		assertThat(call(post(domains).contentType(MediaType.APPLICATION_JSON).content(body), stranger).getStatus())
			.isEqualTo(404);
		for (String bad : new String[] { "not a domain", "x.sites.localhost", "" }) {
			assertThat(json(call(post(domains).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + bad + "\"}"), writer), 422).get("errors").get("name").asText())
				.as(bad).isNotBlank();
		}
		assertThat(pages.count(name)).as("nothing stored by a refusal").isZero();

		MockHttpServletResponse created = call(post(domains).contentType(MediaType.APPLICATION_JSON).content(body),
				writer);
		JsonNode domain = json(created, 201);
		long id = domain.get("id").asLong();
		assertThat(created.getHeader("Location")).isEqualTo(domains + "/" + id);
		assertThat(domain.get("name").asText()).isEqualTo(name);
		assertThat(domain.get("state").asText()).isEqualTo("WAITING_FOR_PROOF");
		assertThat(domain.get("records").toString()).contains("{\"name\":\"_director-challenge." + name
				+ "\",\"type\":\"TXT\",\"value\":\"" + pages.token(name) + "\"}");
		assertThat(json(call(get(domains), reader), 200).get(0).get("id").asLong()).isEqualTo(id);
		assertThat(call(get(domains), stranger).getStatus()).isEqualTo(404);
		assertProblem(call(post(domains).contentType(MediaType.APPLICATION_JSON).content(body), writer), 422,
				"not added");
		String hugosDomains = "/api/v1/sites/" + hugos + "/domains";
		assertThat(json(call(post(hugosDomains).contentType(MediaType.APPLICATION_JSON).content(body), stranger), 422)
			.get("errors").get("name").asText()).contains("belongs to another site");

		JsonNode unproven = json(call(post(domains + "/" + id + "/check"), writer), 200);
		assertThat(unproven.get("proven").asBoolean()).isFalse();
		assertThat(unproven.get("outcome").asText()).contains("There is no TXT record of _director-challenge." + name);
		DNS.addTxt("_director-challenge." + name, pages.token(name));
		JsonNode proven = json(call(post(domains + "/" + id + "/check"), writer), 200);
		assertThat(proven.get("proven").asBoolean()).as(proven.toString()).isTrue();
		assertThat(proven.get("domain").get("state").asText()).isEqualTo("ACTIVE");
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		assertThat(routes(COMPONENTS, site)).last().asString().contains(name);

		assertThat(call(post(hugosDomains + "/" + id + "/check"), stranger).getStatus())
			.as("another site's domain, through one's own site").isEqualTo(404);
		assertThat(call(delete(hugosDomains + "/" + id), stranger).getStatus()).isEqualTo(404);
		assertThat(call(delete(domains + "/" + id), stranger).getStatus()).isEqualTo(404);
		assertThat(call(delete(domains + "/" + id), reader).getStatus()).isEqualTo(403);
		assertThat(pages.state(name)).isEqualTo("ACTIVE");

		assertThat(call(delete(domains + "/" + id), writer).getStatus()).isEqualTo(204);
		assertThat(pages.count(name)).isZero();
		awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
		assertThat(routes(COMPONENTS, site)).last().asString().doesNotContain(name);
		assertProblem(call(delete(domains + "/" + id), writer), 404, "not yours to see");
	}


	@Test
	void anAdministratorsScriptApprovesAndRejectsProvenDomainsAndNoOneElseCan() throws Exception {
		String admin = TestTokens.make(mvc, SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN"), "admin",
				"sites:write");
		String grace = TestTokens.make(mvc, as("grace"), "sites:write");
		String approval = "/api/v1/admin/domains/approval";
		assertThat(json(call(put(approval).contentType(MediaType.APPLICATION_JSON).content("{\"required\":true}"),
				admin), 200).get("required").asBoolean()).isTrue();
		try {
			long site = createSite("grace-approved");
			String name = "approved.grace-example.org";
			long id = json(call(post("/api/v1/sites/" + site + "/domains").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + name + "\"}"), grace), 201).get("id").asLong();
			DNS.addTxt("_director-challenge." + name, pages.token(name));
			assertThat(json(call(post("/api/v1/sites/" + site + "/domains/" + id + "/check"), grace), 200)
				.get("domain").get("state").asText()).isEqualTo("WAITING_FOR_APPROVAL");

			JsonNode waiting = json(call(get("/api/v1/admin/domains?state=waiting_for_approval"), admin), 200);
			assertThat(waiting.get("items").findValuesAsText("name")).contains(name);
			assertThat(call(get("/api/v1/admin/domains"), grace).getStatus()).isEqualTo(403);
			assertThat(call(post("/api/v1/admin/domains/" + id + "/approve"), grace).getStatus())
				.as("the site's owner approves nothing").isEqualTo(403);
			assertProblem(call(get("/api/v1/admin/domains?state=lost"), admin), 400, "state is");

			JsonNode approved = json(call(post("/api/v1/admin/domains/" + id + "/approve"), admin), 200);
			assertThat(approved.get("state").asText()).isEqualTo("ACTIVE");
			assertThat(approved.get("siteName").asText()).isEqualTo("grace-approved");
			awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
			assertThat(routes(COMPONENTS, site)).last().asString().contains(name);
			assertProblem(call(post("/api/v1/admin/domains/" + id + "/approve"), admin), 409, "not waiting");

			assertThat(json(call(post("/api/v1/admin/domains/" + id + "/reject").contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\" \"}"), admin), 422).get("errors").get("reason").asText())
				.contains("Give a reason");
			assertThat(pages.state(name)).isEqualTo("ACTIVE");
			JsonNode rejected = json(call(post("/api/v1/admin/domains/" + id + "/reject")
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Not a school site.\"}"), admin), 200);
			assertThat(rejected.get("state").asText()).isEqualTo("REJECTED");
			assertThat(rejected.get("rejection").asText()).isEqualTo("Not a school site.");
			awaitSucceeded(operations, site, OperationKind.UPDATE_DOMAINS);
			assertThat(routes(COMPONENTS, site)).last().asString().doesNotContain(name);
			assertProblem(call(post("/api/v1/admin/domains/999999/approve"), admin), 404, "nothing here");
		}
		finally {
			call(put(approval).contentType(MediaType.APPLICATION_JSON).content("{\"required\":false}"), admin);
		}
	}

}
