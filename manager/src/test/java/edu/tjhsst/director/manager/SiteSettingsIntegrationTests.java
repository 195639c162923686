package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.system.PortalErrors;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * An administrator's limits and availability for a site: the form and its messages, the spec sent, the check of a
 * site that is not served or disabled, and what the owners of a disabled site may no longer do.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SiteSettingsIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SiteSettingsIntegrationTests.class);

	private static final AtomicInteger SITES = new AtomicInteger();

	private static final String DISABLED_PAGE = "<!DOCTYPE html><html><head><title>This site has been disabled</title>"
			+ "</head><body><h1>This site has been disabled</h1></body></html>";

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

	private static RequestPostProcessor admin() {
		return SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");
	}

	/** A new site of erin's whose creation has finished. */
	private long erinsSite(String type) throws Exception {
		String name = "erin-" + type.toLowerCase() + "-" + SITES.incrementAndGet();
		MockHttpServletRequestBuilder request = post("/sites/new").param("name", name).param("type", type).with(as("erin")).with(csrf());
		if (type.equals("DYNAMIC")) {
			request.param("runtime", "python");
		}
		String location = mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn().getResponse()
			.getRedirectedUrl();
		long id = Long.parseLong(location.substring("/sites/".length()));
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	/** The host name the front door is asked for. */
	private String host(long id) {
		return jdbc.sql("select name from sites where id = ?").param(id).query(String.class).single()
				+ ".sites.localhost";
	}

	private Map<String, Object> stored(long id) {
		return jdbc.sql("select availability, cpu_millis, memory_mib, pids, max_body_mib from sites where id = ?")
			.param(id).query().singleRow();
	}

	private long operationCount(long id) {
		return jdbc.sql("select count(*) from operations where site_id = ?").param(id).query(Long.class).single();
	}

	private static MockHttpServletRequestBuilder settings(long id, String cpu, String memory, String pids, String maxBody, String availability) {
		return post("/admin/sites/" + id).param("cpu", cpu).param("memory", memory).param("pids", pids)
			.param("maxBody", maxBody).param("availability", availability).with(admin()).with(csrf());
	}

	@Test
	void anAdministratorsLimitsAreStoredAndSentToTheOrchestrator() throws Exception {
		long id = erinsSite("DYNAMIC");
		mvc.perform(get("/admin/sites/" + id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"0.5\"")))
			.andExpect(content().string(containsString("value=\"256M\"")));

		mvc.perform(settings(id, "1.5", "1G", "256", "100M", "ENABLED"))
			.andExpect(redirectedUrl("/sites/" + id));

		Operation operation = awaitSucceeded(operations, id, OperationKind.UPDATE_SETTINGS);
		assertThat(operation.actions()).extracting("slug").containsExactly("apply_appserver", "check_reachable");
		assertThat(stored(id)).containsEntry("cpu_millis", 1500L).containsEntry("memory_mib", 1024L)
			.containsEntry("pids", 256L).containsEntry("max_body_mib", 100L).containsEntry("availability", "ENABLED");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"limits\":{\"cpuMillis\":1500,\"memoryMiB\":1024,\"pids\":256,\"maxBodyMiB\":100,"
						+ "\"diskMiB\":1024,\"phpWorkers\":5}")
				&& call.contains("\"availability\":\"ENABLED\""));
		mvc.perform(get("/admin/sites/" + id).with(admin()))
			.andExpect(content().string(containsString("value=\"1.5\"")))
			.andExpect(content().string(containsString("value=\"1G\"")));
	}

	@Test
	void aNegativeOrHugeMemoryIsExplainedNextToTheFieldAndChangesNothing() throws Exception {
		long id = erinsSite("STATIC");
		Map<String, Object> before = stored(id);
		long operationsBefore = operationCount(id);
		long putsBefore = COMPONENTS.calls.stream().filter(call -> call.startsWith("PUT /sites/" + id + " ")).count();

		mvc.perform(settings(id, "2", "-1", "64", "8M", "DISABLED"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"memory-error\"")))
			.andExpect(content().string(containsString("Memory must be a size such as 256M or 1G.")));
		mvc.perform(settings(id, "2", "10PB", "64", "8M", "DISABLED"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Memory must be at most 4G.")))
			.andExpect(content().string(not(containsString("id=\"cpu-error\""))));

		assertThat(stored(id)).isEqualTo(before);
		assertThat(operationCount(id)).isEqualTo(operationsBefore);
		assertThat(operations.latest(id).orElseThrow().kind()).isEqualTo(OperationKind.CREATE_SITE);
		assertThat(COMPONENTS.calls.stream().filter(call -> call.startsWith("PUT /sites/" + id + " ")).count())
			.isEqualTo(putsBefore);
	}

	@Test
	void onlyAdministratorsReachTheSettingsPage() throws Exception {
		long id = erinsSite("STATIC");
		Map<String, Object> before = stored(id);
		mvc.perform(get("/admin/sites/" + id).with(as("erin"))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/sites/" + id).param("cpu", "4").param("availability", "ENABLED").with(as("erin"))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(get("/admin/sites/" + id).with(as("frank"))).andExpect(status().isForbidden());
		assertThat(stored(id)).isEqualTo(before);
		mvc.perform(get("/sites/" + id).with(as("erin")))
			.andExpect(content().string(not(containsString("id=\"admin-settings\""))));
		mvc.perform(get("/sites/" + id).with(admin()))
			.andExpect(content().string(containsString("href=\"/admin/sites/" + id + "\"")));
	}

	@Test
	void aSiteThatIsNotServedIsCheckedByItsNotFoundAnswerAndShowsABanner() throws Exception {
		long id = erinsSite("STATIC");
		COMPONENTS.fronts.put(host(id), new StandInComponents.Front(404, "<title>No site here</title>"));
		Instant start = Instant.now();
		mvc.perform(settings(id, "", "", "", "", "NOT_SERVED")).andExpect(status().is3xxRedirection());

		Operation operation = awaitSucceeded(operations, id, OperationKind.UPDATE_SETTINGS);
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
		assertThat(operation.actions().get(1).message()).contains("not served");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"availability\":\"NOT_SERVED\""));
		mvc.perform(get("/sites/" + id).with(as("erin")))
			.andExpect(content().string(containsString("id=\"site-not-served\"")))
			.andExpect(content().string(not(containsString("id=\"site-disabled\""))));
	}

	@Test
	void theOwnersOfADisabledSiteSeeWhyAndCannotChangeItButAnAdministratorCan() throws Exception {
		long id = erinsSite("DYNAMIC");
		COMPONENTS.fronts.put(host(id), new StandInComponents.Front(503, DISABLED_PAGE));
		Instant start = Instant.now();
		mvc.perform(settings(id, "", "", "", "", "DISABLED")).andExpect(status().is3xxRedirection());
		Operation disabled = awaitSucceeded(operations, id, OperationKind.UPDATE_SETTINGS);
		assertThat(Duration.between(start, Instant.now())).as("the disabled page is the expected answer")
			.isLessThan(Duration.ofSeconds(20));
		assertThat(disabled.actions().get(1).message()).contains("disabled");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"availability\":\"DISABLED\""));

		mvc.perform(get("/sites/" + id).with(as("erin")))
			.andExpect(content().string(containsString("id=\"site-disabled\"")))
			.andExpect(content().string(containsString("This site was disabled by an administrator")));

		long operationsBefore = operationCount(id);
		mvc.perform(post("/sites/" + id + "/restart").with(as("erin")).with(csrf()))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		mvc.perform(post("/sites/" + id + "/env").param("name", "GREETING").param("value", "hi").with(as("erin"))
			.with(csrf()))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		mvc.perform(post("/sites/" + id + "/type").param("type", "STATIC").with(as("erin")).with(csrf()))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		mvc.perform(post("/sites/" + id + "/packages").param("packages", "cowsay").with(as("erin")).with(csrf()))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		mvc.perform(post("/sites/" + id + "/resources").param("cpu", "100").with(as("erin")).with(csrf()))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		mvc.perform(post("/sites/" + id + "/delete").param("confirm", host(id).replace(".sites.localhost", ""))
			.with(as("erin")).with(csrf()))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		mvc.perform(put("/sites/" + id + "/files/api/content").param("path", "public/index.html")
			.content("defaced".getBytes(StandardCharsets.UTF_8)).contentType("text/plain;charset=UTF-8")
			.with(as("erin")).with(csrf()))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value(PortalErrors.DISABLED));
		mvc.perform(get("/sites/" + id + "/files").with(as("erin")))
			.andExpect(redirectedUrl("/sites/" + id))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		assertThat(operationCount(id)).isEqualTo(operationsBefore);
		assertThat(jdbc.sql("select count(*) from site_env where site_id = ?").param(id)
			.query(Long.class).single()).isZero();
		assertThat(stored(id)).containsEntry("availability", "DISABLED");
		assertThat(jdbc.sql("select type from sites where id = ?").param(id).query(String.class).single())
			.isEqualTo("DYNAMIC");
		assertThat(jdbc.sql("select packages from sites where id = ?").param(id).query(String.class).single())
			.as("a disabled site's packages stay as they were").isEmpty();

		mvc.perform(put("/sites/" + id + "/files/api/content").param("path", "public/index.html")
			.content("fixed".getBytes(StandardCharsets.UTF_8)).contentType("text/plain;charset=UTF-8")
			.with(admin()).with(csrf()))
			.andExpect(status().isOk());
		mvc.perform(post("/sites/" + id + "/restart").with(admin()).with(csrf()))
			.andExpect(flash().attributeCount(0));
		awaitSucceeded(operations, id, OperationKind.RESTART_PROCESS);
	}

}
