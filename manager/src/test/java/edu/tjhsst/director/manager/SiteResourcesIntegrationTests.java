package edu.tjhsst.director.manager;

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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A site's "Resources" page: its owners choose a CPU share and PHP workers within the limits an administrator set,
 * the spec carries them, nothing above a limit or off the list is stored, and no one else may change them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SiteResourcesIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SiteResourcesIntegrationTests.class);

	private static final RequestPostProcessor ADMIN = SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");

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
		TestAccounts.students(users, "gwen", "hugo");
	}

	private long createSite(String user, String name, String type, String runtime) throws Exception {
		long id = SiteForms.create(mvc, user, name, type, runtime);
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	private String chosen(long siteId) {
		return jdbc.sql("select coalesce(owner_cpu_millis::text, '-') || ' ' || coalesce(owner_php_workers::text, '-') "
				+ "from sites where id = ?").param(siteId).query(String.class).single();
	}

	@Test
	void anOwnerChoosesLessCpuAndMorePhpWorkersAndTheSiteRunsWithThem() throws Exception {
		long id = createSite("gwen", "gwen-wp", "PHP", null);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"cpuMillis\":500") && call.contains("\"phpWorkers\":5"));
		mvc.perform(get("/sites/" + id).with(as("gwen")))
			.andExpect(content().string(containsString("href=\"/sites/" + id + "/resources\"")));
		mvc.perform(get("/sites/" + id + "/resources").with(as("gwen")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<option value=\"250\">0.25</option>")))
			.andExpect(content().string(containsString("<option value=\"500\" selected=\"selected\">0.5 (the most)</option>")))
			.andExpect(content().string(not(containsString("<option value=\"750\""))))
			.andExpect(content().string(containsString("<option value=\"8\">8</option>")))
			.andExpect(content().string(not(containsString("<option value=\"9\">"))));

		mvc.perform(post("/sites/" + id + "/resources").param("cpu", "250").param("phpWorkers", "8").with(as("gwen"))
			.with(csrf()))
			.andExpect(redirectedUrl("/sites/" + id));
		awaitSucceeded(operations, id, OperationKind.UPDATE_SETTINGS);
		assertThat(chosen(id)).isEqualTo("250 8");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"cpuMillis\":250") && call.contains("\"phpWorkers\":8"));

		// An administrator lowers the memory to 64 MiB: two workers fit, and the site runs with two.
		mvc.perform(post("/admin/sites/" + id).param("cpu", "0.5").param("memory", "64M")
			.param("pids", "128").param("maxBody", "32M").param("disk", "1G").param("availability", "ENABLED")
			.with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.UPDATE_SETTINGS);
		assertThat(COMPONENTS.calls).last().matches(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"memoryMiB\":64") && call.contains("\"phpWorkers\":2"), "the spec with two workers");

		// Choosing the limit and the default again stores no choice, so a limit raised later reaches the site.
		mvc.perform(post("/sites/" + id + "/resources").param("cpu", "500").param("phpWorkers", "2").with(as("gwen"))
			.with(csrf()))
			.andExpect(redirectedUrl("/sites/" + id));
		assertThat(chosen(id)).isEqualTo("- -");
	}

	@Test
	void aShareAboveTheLimitOrOffTheListIsRefusedAndNothingIsStored() throws Exception {
		long id = createSite("gwen", "gwen-busy", "PHP", null);
		for (String[] sent : new String[][] { { "750", "5" }, { "0.5", "5" }, { "250; drop table sites", "5" },
				{ "250", "9" }, { "250", "0" }, { "", "" } }) {
			mvc.perform(post("/sites/" + id + "/resources").param("cpu", sent[0]).param("phpWorkers", sent[1])
				.with(as("gwen")).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("is-invalid")));
		}
		assertThat(chosen(id)).isEqualTo("- -");
		assertThat(operations.latest(id).orElseThrow().kind()).isEqualTo(OperationKind.CREATE_SITE);
	}

	@Test
	void anotherStudentNeitherSeesNorChangesASitesResources() throws Exception {
		long id = createSite("gwen", "gwen-own", "DYNAMIC", "python");
		mvc.perform(get("/sites/" + id + "/resources").with(as("hugo"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/resources").param("cpu", "100").with(as("hugo")).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(chosen(id)).isEqualTo("- -");
		long staticSite = createSite("gwen", "gwen-static", "STATIC", null);
		mvc.perform(get("/sites/" + staticSite + "/resources").with(as("gwen"))).andExpect(status().isNotFound());
	}

	@Test
	void aDynamicSiteChoosesItsCpuShareOnly() throws Exception {
		long id = createSite("gwen", "gwen-app", "DYNAMIC", "python");
		mvc.perform(get("/sites/" + id + "/resources").with(as("gwen")))
			.andExpect(content().string(not(containsString("id=\"phpWorkers\""))));
		mvc.perform(post("/sites/" + id + "/resources").param("cpu", "100").with(as("gwen")).with(csrf()))
			.andExpect(redirectedUrl("/sites/" + id));
		awaitSucceeded(operations, id, OperationKind.UPDATE_SETTINGS);
		assertThat(chosen(id)).isEqualTo("100 -");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"cpuMillis\":100"));
	}

}
