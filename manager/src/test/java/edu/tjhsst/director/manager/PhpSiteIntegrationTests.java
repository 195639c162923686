package edu.tjhsst.director.manager;

import org.junit.jupiter.api.AfterEach;
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
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.OperationWaits.until;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** PHP sites in the manager: the third type, always in PHP's runtime, with a process, a log and variables. */
@SpringBootTest
@AutoConfigureMockMvc
class PhpSiteIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(PhpSiteIntegrationTests.class);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "erin", "frank");
	}

	@AfterEach
	void orchestratorUp() {
		COMPONENTS.runtimesDown.set(false);
	}

	private long createPhpSite(String user, String name, String runtime) throws Exception {
		return SiteForms.create(mvc, user, name, "PHP", runtime);
	}

	private String runtimeOf(long siteId) {
		return jdbc.sql("select runtime from sites where id = ?").param(siteId).query(String.class).single();
	}

	@Test
	void bothFormsOfferPhpFromOneFragment() throws Exception {
		mvc.perform(get("/sites/new").with(as("erin")))
			.andExpect(content().string(containsString("id=\"type-static\"")))
			.andExpect(content().string(containsString("id=\"type-php\"")))
			.andExpect(content().string(containsString("id=\"type-dynamic\"")));
		long id = createPhpSite("erin", "erin-form", "");
		mvc.perform(get("/sites/" + id + "/type").with(as("erin")))
			.andExpect(content().string(containsString("id=\"type-php\"")))
			.andExpect(content().string(
					containsString("id=\"type-php\" value=\"PHP\" name=\"type\" checked=\"checked\"")));
	}

	@Test
	void creatingAPhpSiteSendsThePhpTypeAndRuntimeWhateverTheFormSaid() throws Exception {
		long id = createPhpSite("erin", "erin-php", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);

		assertThat(runtimeOf(id)).isEqualTo("php");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"type\":\"PHP\"") && call.contains("\"runtime\":\"php\"")
				&& call.contains("\"url\":\"http://erin-php.sites.localhost:8000/\""));
	}

	@Test
	void aPhpSiteCanBeCreatedWhileTheRuntimeListIsUnavailable() throws Exception {
		COMPONENTS.runtimesDown.set(true);
		long id = createPhpSite("erin", "erin-norun", "");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		assertThat(runtimeOf(id)).isEqualTo("php");
	}

	@Test
	void aPhpSitesPageShowsItsProcessWithoutTheRunShHelpAndItsVariablesPage() throws Exception {
		long id = createPhpSite("erin", "erin-page", "");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		mvc.perform(get("/sites/" + id).with(as("erin")))
			.andExpect(content().string(containsString("id=\"process\"")))
			.andExpect(content().string(containsString("id=\"restart\"")))
			.andExpect(content().string(containsString("id=\"edit-env\"")))
			.andExpect(content().string(containsString("/js/site-process.js")))
			.andExpect(content().string(containsString("<code>public/index.php</code>")))
			.andExpect(content().string(containsString("class=\"alert alert-info d-none\" id=\"process-help\"")));
		mvc.perform(get("/sites/" + id + "/process").with(as("erin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("crashed"))
			.andExpect(jsonPath("$.needsHelp").value(false));
		mvc.perform(get("/sites/" + id + "/process").with(as("frank"))).andExpect(status().isNotFound());

		mvc.perform(post("/sites/" + id + "/restart").with(as("erin")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.RESTART_PROCESS);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("POST /sites/" + id + "/process/restart "));

		mvc.perform(post("/sites/" + id + "/env").param("name", "GREETING").param("value", "hello php")
			.with(as("erin")).with(csrf())).andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.UPDATE_ENVIRONMENT);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"type\":\"PHP\"") && call.contains("\"env\":{\"GREETING\":\"hello php\"}"));
	}

	@Test
	void aPhpSiteChangesToStaticAndDynamicAndBack() throws Exception {
		long id = createPhpSite("erin", "erin-switch", "");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);

		mvc.perform(post("/sites/" + id + "/type").param("type", "PHP").with(as("erin")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("already served this way")));

		mvc.perform(post("/sites/" + id + "/type").param("type", "STATIC").with(as("erin")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.CHANGE_TYPE);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"type\":\"STATIC\"") && call.contains("\"runtime\":null"));
		mvc.perform(get("/sites/" + id).with(as("erin")))
			.andExpect(content().string(not(containsString("id=\"process\""))));

		int before = COMPONENTS.calls.size();
		mvc.perform(post("/sites/" + id + "/type").param("type", "DYNAMIC").param("runtime", "python")
			.with(as("erin")).with(csrf())).andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.CHANGE_TYPE);
		until(operations, id, "the dynamic spec at the orchestrator",
				() -> COMPONENTS.calls.subList(before, COMPONENTS.calls.size()).stream()
					.anyMatch(call -> call.startsWith("PUT /sites/" + id + " ") && call.contains("\"type\":\"DYNAMIC\"")
							&& call.contains("\"runtime\":\"python\"")));

		int beforePhp = COMPONENTS.calls.size();
		mvc.perform(post("/sites/" + id + "/type").param("type", "PHP").param("runtime", "python")
			.with(as("erin")).with(csrf())).andExpect(status().is3xxRedirection());
		until(operations, id, "the PHP spec at the orchestrator",
				() -> COMPONENTS.calls.subList(beforePhp, COMPONENTS.calls.size()).stream()
					.anyMatch(call -> call.startsWith("PUT /sites/" + id + " ") && call.contains("\"type\":\"PHP\"")
							&& call.contains("\"runtime\":\"php\"")));
		awaitSucceeded(operations, id, OperationKind.CHANGE_TYPE);
		assertThat(runtimeOf(id)).isEqualTo("php");
		assertThat(jdbc.sql("select type from sites where id = ?").param(id).query(String.class).single())
			.isEqualTo("PHP");
	}

}
