package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static edu.tjhsst.director.manager.TestTokens.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import edu.tjhsst.director.manager.user.UserRepository;

/**
 * A dynamic site's environment, log and operations through the API: a variable set (its operation followed to the
 * end) and listed with a secret's value left out, then removed; refused to another student's token, to a read-only
 * token on a change, with a problem for a bad name and for a variable that is not there; a static site has neither.
 * A site's type is changed as on its page. The site's operations are listed newest first, a page at a time,
 * filtered by status, to its owner only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SiteChangesApiIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SiteChangesApiIntegrationTests.class);

	private static final AtomicInteger NAMES = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "hal", "ida");
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token) throws Exception {
		return TestTokens.call(mvc, request, token);
	}

	/** Waits for the operation the answer started, through the API, and asserts it succeeded. */
	private void finished(JsonNode started, String token) throws Exception {
		finished(started.get("operationId").asLong(), token);
	}

	private void finished(long operation, String token) throws Exception {
		TestTokens.finished(mvc, operation, token);
	}

	@Test
	void aScriptChangesItsSitesVariablesAndTypeAndReadsItsLogAndOperationsButNoOneElses() throws Exception {
		long site = SiteForms.create(mvc, "hal", "hals-" + NAMES.incrementAndGet(), "DYNAMIC", "python");
		String writer = TestTokens.make(mvc, as("hal"), "sites:write");
		String reader = TestTokens.make(mvc, as("hal"), "sites:read");
		String stranger = TestTokens.make(mvc, as("ida"), "sites:write");
		String env = "/api/v1/sites/" + site + "/env";
		finished(json(call(get("/api/v1/sites/" + site), reader), 200).get("latestOperation").get("id").asLong(),
				reader);

		finished(json(call(put(env + "/GREETING").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"hello\"}"), writer), 202), writer);
		finished(json(call(put(env + "/API_KEY").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"s3cret\",\"secret\":true}"), writer), 202), writer);

		MockHttpServletResponse listed = call(get(env), reader);
		assertThat(json(listed, 200).toString()).contains("\"name\":\"GREETING\",\"value\":\"hello\"")
			.contains("\"name\":\"API_KEY\",\"value\":null,\"secret\":true").doesNotContain("s3cret");
		assertThat(call(get("/api/v1/sites/" + site + "/logs"), reader).getStatus()).isEqualTo(200);

		assertThat(call(get(env), stranger).getStatus()).isEqualTo(404);
		assertThat(call(get("/api/v1/sites/" + site + "/logs"), stranger).getStatus()).isEqualTo(404);
		assertThat(call(put(env + "/GREETING").contentType(MediaType.APPLICATION_JSON).content("{\"value\":\"x\"}"),
				stranger).getStatus()).isEqualTo(404);
		assertThat(call(put(env + "/GREETING").contentType(MediaType.APPLICATION_JSON).content("{\"value\":\"x\"}"),
				reader).getStatus()).isEqualTo(403);
		JsonNode badName = json(call(put(env + "/1BAD").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"x\"}"), writer), 422);
		assertThat(badName.get("errors").get("name").asText()).isNotBlank();

		finished(json(call(delete(env + "/GREETING"), writer), 202), writer);
		assertThat(json(call(get(env), reader), 200).toString()).doesNotContain("GREETING");
		assertThat(json(call(delete(env + "/GREETING"), writer), 404).get("detail").asText()).contains("no such");

		long staticSite = SiteForms.create(mvc, "hal", "hals-" + NAMES.incrementAndGet(), "STATIC", null);
		assertThat(call(get("/api/v1/sites/" + staticSite + "/env"), reader).getStatus()).isEqualTo(404);

		// Its type changed through the API, as on its "Type" page.
		String type = "/api/v1/sites/" + staticSite + "/type";
		finished(json(call(get("/api/v1/sites/" + staticSite), reader), 200).get("latestOperation").get("id").asLong(),
				reader);
		assertThat(json(call(put(type).contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"static\"}"),
				writer), 422).get("errors").get("type").asText()).contains("already served this way");
		assertThat(json(call(put(type).contentType(MediaType.APPLICATION_JSON).content("{\"type\":\"ftp\"}"),
				writer), 422).get("errors").get("type").asText()).contains("Static, PHP or Dynamic");
		assertThat(json(call(put(type).contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"dynamic\",\"runtime\":\"cobol\"}"), writer), 422).get("errors").has("runtime"))
			.isTrue();
		String toDynamic = "{\"type\":\"dynamic\",\"runtime\":\"python\"}";
		assertThat(call(put(type).contentType(MediaType.APPLICATION_JSON).content(toDynamic), stranger).getStatus())
			.isEqualTo(404);
		assertThat(call(put(type).contentType(MediaType.APPLICATION_JSON).content(toDynamic), reader).getStatus())
			.isEqualTo(403);
		finished(json(call(put(type).contentType(MediaType.APPLICATION_JSON).content(toDynamic), writer), 202),
				writer);
		JsonNode changed = json(call(get("/api/v1/sites/" + staticSite), reader), 200);
		assertThat(changed.get("type").asText()).isEqualTo("DYNAMIC");
		assertThat(changed.get("runtime").asText()).isEqualTo("python");

		// Created, two variables set, one removed: four operations, newest first.
		String operations = "/api/v1/operations?siteId=" + site;
		JsonNode all = json(call(get(operations), reader), 200);
		assertThat(all.get("items").findValuesAsText("kind")).containsExactly("UPDATE_ENVIRONMENT",
				"UPDATE_ENVIRONMENT", "UPDATE_ENVIRONMENT", "CREATE_SITE");
		JsonNode first = json(call(get(operations + "&size=3"), reader), 200);
		assertThat(first.get("items")).hasSize(3);
		assertThat(first.get("hasNext").asBoolean()).isTrue();
		JsonNode second = json(call(get(operations + "&size=3&page=2"), reader), 200);
		assertThat(second.get("items").findValuesAsText("kind")).containsExactly("CREATE_SITE");
		assertThat(second.get("hasNext").asBoolean()).isFalse();
		assertThat(json(call(get(operations + "&status=succeeded"), reader), 200).get("items")).hasSize(4);
		assertThat(json(call(get(operations + "&status=FAILED"), reader), 200).get("items")).isEmpty();
		assertThat(json(call(get(operations + "&status=DONE"), reader), 400).get("detail").asText())
			.contains("SUCCEEDED");
		assertThat(call(get(operations + "&size=101"), reader).getStatus()).isEqualTo(400);
		assertThat(call(get(operations), stranger).getStatus()).isEqualTo(404);
	}

}
