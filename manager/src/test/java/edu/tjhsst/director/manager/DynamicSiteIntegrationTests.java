package edu.tjhsst.director.manager;

import java.util.List;

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
import edu.tjhsst.director.manager.operation.Status;
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

/** Dynamic sites in the manager: choosing a runtime, the spec sent, the process card, its log and restarts. */
@SpringBootTest
@AutoConfigureMockMvc
class DynamicSiteIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(DynamicSiteIntegrationTests.class);

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
		TestAccounts.students(users, "carol", "dave");
	}

	@AfterEach
	void orchestratorUp() {
		COMPONENTS.runtimesDown.set(false);
	}

	private long createDynamicSite(String user, String name, String runtime) throws Exception {
		return SiteForms.create(mvc, user, name, "DYNAMIC", runtime);
	}

	private long sitesCount() {
		return jdbc.sql("select count(*) from sites").query(Long.class).single();
	}

	@Test
	void theCreateFormOffersTheAdministratorsRuntimesWithTheirTitlesAndDescriptions() throws Exception {
		mvc.perform(get("/sites/new").with(as("carol")))
			.andExpect(content().string(containsString("id=\"type-dynamic\"")))
			.andExpect(content().string(containsString("value=\"python\"")))
			.andExpect(content().string(containsString("Python 3 — Debian&#39;s Python 3.11 with venv and pip")));
	}

	@Test
	void runtimesAreOfferedEvenWhenTheOrchestratorIsDown() throws Exception {
		COMPONENTS.runtimesDown.set(true);
		mvc.perform(get("/sites/new").with(as("carol")))
			.andExpect(content().string(not(containsString("id=\"runtimes-unavailable\""))))
			.andExpect(content().string(containsString("value=\"python\"")));
	}

	@Test
	void aRuntimeThatIsNotOfferedIsRefusedNextToTheField() throws Exception {
		long before = sitesCount();
		for (String bad : List.of("", "cobol", "python; rm -rf /")) {
			mvc.perform(post("/sites/new").param("name", "carol-bad").param("type", "DYNAMIC").param("runtime", bad)
				.with(as("carol")).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"runtime-error\"")));
		}
		mvc.perform(post("/sites/new").param("name", "carol-bad").param("type", "SERVERLESS").with(as("carol"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose Static, PHP or Dynamic.")));
		assertThat(sitesCount()).isEqualTo(before);
	}

	@Test
	void creatingADynamicSiteSendsTheRuntimeLimitsAndAddressToTheOrchestrator() throws Exception {
		long id = createDynamicSite("carol", "carol-app", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"type\":\"DYNAMIC\"") && call.contains("\"runtime\":\"python\"")
				&& call.contains("\"env\":{}") && call.contains("\"memoryMiB\":256")
				&& call.contains("\"url\":\"http://carol-app.sites.localhost:8000/\""));
		assertThat(jdbc.sql("select runtime from sites where id = ?").param(id).query(String.class).single())
			.isEqualTo("python");
	}

	@Test
	void theSitePageShowsTheProcessStateItsLogSourceAndHowToAddARunScript() throws Exception {
		long id = createDynamicSite("carol", "carol-page", "python");
		mvc.perform(get("/sites/" + id).with(as("carol")))
			.andExpect(content().string(containsString("id=\"process-state\"")))
			.andExpect(content().string(containsString("Crashed")))
			.andExpect(content().string(containsString("exit code 127")))
			.andExpect(content().string(containsString("class=\"alert alert-info\" id=\"process-help\"")))
			.andExpect(content().string(containsString("exec python3 -m http.server \"$PORT\"")))
			.andExpect(content().string(containsString("/js/site-process.js")))
			.andExpect(content().string(not(containsString("<script>"))));
		mvc.perform(get("/sites/" + id + "/process").with(as("carol")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("crashed"))
			.andExpect(jsonPath("$.needsHelp").value(true))
			.andExpect(jsonPath("$.log").value("no executable run.sh <found>\n"));
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("GET /sites/" + id + "/process/logs?tail=200 "));
	}

	@Test
	void restartIsAnOperationThatCallsTheOrchestrator() throws Exception {
		long id = createDynamicSite("carol", "carol-restart", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		mvc.perform(post("/sites/" + id + "/restart").with(as("carol")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.RESTART_PROCESS);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("POST /sites/" + id + "/process/restart "));
	}

	@Test
	void anotherStudentGetsNotFoundForSomeoneElsesProcess() throws Exception {
		long id = createDynamicSite("carol", "carol-secret", "python");
		mvc.perform(get("/sites/" + id + "/process").with(as("dave"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/restart").with(as("dave")).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/live/process?site=" + id).with(as("dave")).header("Upgrade", "websocket")
			.header("Connection", "Upgrade").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.header("Sec-WebSocket-Version", "13")).andExpect(status().isNotFound());
		assertThat(COMPONENTS.calls).noneMatch(call -> call.contains("/sites/" + id + "/process/logs"));
		until(operations, id, "the latest operation to succeed",
				() -> operations.latest(id).orElseThrow().status() == Status.SUCCEEDED);
		assertThat(operations.latest(id).orElseThrow().kind()).isEqualTo(OperationKind.CREATE_SITE);
	}

	@Test
	void aStaticSiteHasNoProcess() throws Exception {
		String location = mvc.perform(post("/sites/new").param("name", "carol-plain").with(as("carol")).with(csrf()))
			.andReturn().getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring("/sites/".length()));
		mvc.perform(get("/sites/" + id + "/process").with(as("carol"))).andExpect(status().isNotFound());
		mvc.perform(get("/sites/" + id).with(as("carol")))
			.andExpect(content().string(not(containsString("id=\"process\""))));
	}

	@Test
	void aVariableIsStoredAndAppliedByAnOperationThatSendsItInTheSpec() throws Exception {
		long id = createDynamicSite("carol", "carol-env", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		mvc.perform(post("/sites/" + id + "/env").param("name", "GREETING").param("value", "hello there")
			.with(as("carol")).with(csrf())).andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.UPDATE_ENVIRONMENT);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"env\":{\"GREETING\":\"hello there\"}"));
		mvc.perform(get("/sites/" + id + "/env").with(as("carol")))
			.andExpect(content().string(containsString("hello there")));
		mvc.perform(post("/sites/" + id + "/env/delete").param("name", "GREETING").with(as("carol")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		until(operations, id, "the variable's removal to be applied",
				() -> operations.latest(id).orElseThrow().status() == Status.SUCCEEDED
						&& jdbc.sql("select count(*) from site_env where site_id = ?").param(id).query(Long.class)
							.single() == 0);
		assertThat(COMPONENTS.calls.get(COMPONENTS.calls.size() - 1)).contains("\"env\":{}");
	}

	@Test
	void aSecretValueIsNeverShownOnThePage() throws Exception {
		long id = createDynamicSite("carol", "carol-secrets", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		mvc.perform(post("/sites/" + id + "/env").param("name", "API_KEY").param("value", "s3cr3t-value")
			.param("secret", "true").with(as("carol")).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get("/sites/" + id + "/env").with(as("carol")))
			.andExpect(content().string(containsString("API_KEY")))
			.andExpect(content().string(containsString("••••")))
			.andExpect(content().string(not(containsString("s3cr3t-value"))));
		mvc.perform(get("/sites/" + id + "/env").param("edit", "API_KEY").with(as("carol")))
			.andExpect(content().string(containsString("value=\"API_KEY\"")))
			.andExpect(content().string(not(containsString("s3cr3t-value"))));
	}

	@Test
	void aBadVariableIsExplainedNextToItsFieldAndChangesNothing() throws Exception {
		long id = createDynamicSite("carol", "carol-badenv", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		for (String bad : List.of("A=B", "BAD\nNAME", "lower", "9LIVES", "", "PORT", "DIRECTOR_SITE_URL")) {
			mvc.perform(post("/sites/" + id + "/env").param("name", bad).param("value", "x").with(as("carol"))
				.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"env-name-error\"")));
		}
		mvc.perform(post("/sites/" + id + "/env").param("name", "NUL").param("value", "a\0b").with(as("carol"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"env-value-error\"")));
		assertThat(jdbc.sql("select count(*) from site_env where site_id = ?").param(id).query(Long.class).single())
			.isZero();
		assertThat(operations.latest(id).orElseThrow().kind()).isEqualTo(OperationKind.CREATE_SITE);
	}

	@Test
	void anotherStudentGetsNotFoundForSomeoneElsesEnvironment() throws Exception {
		long id = createDynamicSite("carol", "carol-envpriv", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		mvc.perform(get("/sites/" + id + "/env").with(as("dave"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/env").param("name", "X").param("value", "y").with(as("dave"))
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/env/delete").param("name", "X").with(as("dave")).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from site_env where site_id = ?").param(id).query(Long.class).single())
			.isZero();
	}

	@Test
	void aVariableSavedWhileTheSiteIsBusyIsNotStored() throws Exception {
		long id = createDynamicSite("carol", "carol-busy", "python");
		mvc.perform(post("/sites/" + id + "/env").param("name", "EARLY").param("value", "x").with(as("carol"))
			.with(csrf())).andExpect(status().is3xxRedirection());
		if (operations.latest(id).orElseThrow().kind() == OperationKind.CREATE_SITE) {
			assertThat(jdbc.sql("select count(*) from site_env where site_id = ?").param(id).query(Long.class)
				.single()).isZero();
		}
	}

	@Test
	void changingTypeIsAnOperationThatSendsTheNewSpec() throws Exception {
		long id = createDynamicSite("carol", "carol-switch", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		mvc.perform(post("/sites/" + id + "/type").param("type", "STATIC").with(as("carol")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.CHANGE_TYPE);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"type\":\"STATIC\"") && call.contains("\"runtime\":null"));
		mvc.perform(get("/sites/" + id).with(as("carol")))
			.andExpect(content().string(not(containsString("id=\"process\""))));
		mvc.perform(post("/sites/" + id + "/type").param("type", "DYNAMIC").param("runtime", "plain").with(as("carol"))
			.with(csrf())).andExpect(status().is3xxRedirection());
		until(operations, id, "the change to the plain runtime to be applied",
				() -> operations.latest(id).orElseThrow().status() == Status.SUCCEEDED
						&& COMPONENTS.calls.stream().anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
								&& call.contains("\"runtime\":\"plain\"")));
	}

	@Test
	void anUnchangedOrUnknownTypeIsRefusedAndChangesNothing() throws Exception {
		long id = createDynamicSite("carol", "carol-same", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		mvc.perform(post("/sites/" + id + "/type").param("type", "DYNAMIC").param("runtime", "python")
			.with(as("carol")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("already served this way")));
		mvc.perform(post("/sites/" + id + "/type").param("type", "DYNAMIC").param("runtime", "cobol")
			.with(as("carol")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"runtime-error\"")));
		mvc.perform(post("/sites/" + id + "/type").param("type", "STATIC").with(as("dave")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/sites/" + id + "/type").with(as("dave"))).andExpect(status().isNotFound());
		assertThat(operations.latest(id).orElseThrow().kind()).isEqualTo(OperationKind.CREATE_SITE);
		assertThat(jdbc.sql("select type from sites where id = ?").param(id).query(String.class).single())
			.isEqualTo("DYNAMIC");
	}

}
