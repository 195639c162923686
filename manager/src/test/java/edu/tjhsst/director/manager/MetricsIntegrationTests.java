package edu.tjhsst.director.manager;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.common.testing.PrometheusText;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The Prometheus endpoint: read only with an administrator's token that has metrics:read, which grants nothing else
 * (not a student's, not an administrator's without it or once demoted, not the portal's session), in Prometheus's
 * text format as the Prometheus client library's Python parser reads it, and counting the operations that ran: after
 * two sites are created, two successful creations and two of each of their steps.
 */
@SpringBootTest
@AutoConfigureMockMvc
// Spring Boot's tests leave metrics exporters out unless asked; the portal itself always has this one.
@AutoConfigureObservability(tracing = false)
class MetricsIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(MetricsIntegrationTests.class);

	private static final Pattern SECRET = TestTokens.SECRET;

	private static final AtomicInteger NAMES = new AtomicInteger();

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
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "wren");
		TestAccounts.administrator(users, "warden");
	}

	private String token(RequestPostProcessor who, String... scopes) throws Exception {
		return TestTokens.make(mvc, who, scopes);
	}

	private MockHttpServletResponse scrape(String token) throws Exception {
		TestSecurityContextHolder.clearContext();
		var request = get("/actuator/prometheus");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@Test
	void onlyAnAdministratorsTokenWithMetricsReadReadsTheMetrics() throws Exception {
		assertThat(scrape(null).getStatus()).isEqualTo(401);
		assertThat(scrape(token(as("wren"), "sites:read", "sites:write")).getStatus()).isEqualTo(403);
		assertThat(scrape(token(user("warden").roles("ADMIN"), "sites:read", "admin")).getStatus()).isEqualTo(403);
		String metrics = token(user("warden").roles("ADMIN"), "metrics:read");
		assertThat(scrape(metrics).getStatus()).isEqualTo(200);
		// It grants nothing else: not even reading sites.
		TestSecurityContextHolder.clearContext();
		assertThat(mvc.perform(get("/api/v1/sites").header("Authorization", "Bearer " + metrics)).andReturn()
			.getResponse().getStatus()).isEqualTo(403);
		// A student cannot make one, and an administrator's stops working when they are no longer one.
		String page = mvc.perform(post("/account/tokens").param("name", "sneaky").param("days", "30")
			.param("scope", "metrics:read").with(as("wren")).with(csrf())).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Only administrators").doesNotContainPattern(SECRET);
		jdbc.sql("update users set role = 'TEACHER' where username = 'warden'").update();
		try {
			assertThat(scrape(metrics).getStatus()).isEqualTo(403);
		}
		finally {
			jdbc.sql("update users set role = 'ADMIN' where username = 'warden'").update();
		}

		// Not the portal's session, nor any other actuator path for a signed-in browser.
		MockHttpSession session = (MockHttpSession) mvc.perform(post("/login").param("username", "warden")
			.param("password", "password-warden").with(csrf())).andReturn().getRequest().getSession();
		TestSecurityContextHolder.clearContext();
		assertThat(mvc.perform(get("/sites").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
		for (String path : List.of("/actuator/prometheus", "/actuator", "/actuator/metrics", "/actuator/env")) {
			TestSecurityContextHolder.clearContext();
			assertThat(mvc.perform(get(path).session(session)).andReturn().getResponse().getStatus()).as(path)
				.isIn(401, 403);
		}
	}

	@Test
	void theSameTokenReadsTheOrchestratorsAndTheRoutersMetricsThroughThePortalAndNoOtherDoes() throws Exception {
		String metrics = token(user("warden").roles("ADMIN"), "metrics:read");
		String other = token(user("warden").roles("ADMIN"), "sites:write", "admin");
		for (String component : List.of("orchestrator", "router")) {
			TestSecurityContextHolder.clearContext();
			MockHttpServletResponse relayed = mvc.perform(get("/api/v1/metrics/" + component)
				.header("Authorization", "Bearer " + metrics)).andReturn().getResponse();
			assertThat(relayed.getStatus()).as(component).isEqualTo(200);
			assertThat(relayed.getContentType()).startsWith("text/plain; version=0.0.4");
			assertThat(PrometheusText.parse(relayed.getContentAsString())).containsKey("standin_calls_total{}");
			TestSecurityContextHolder.clearContext();
			assertThat(mvc.perform(get("/api/v1/metrics/" + component).header("Authorization", "Bearer " + other))
				.andReturn().getResponse().getStatus()).isEqualTo(403);
			TestSecurityContextHolder.clearContext();
			assertThat(mvc.perform(get("/api/v1/metrics/" + component)).andReturn().getResponse().getStatus())
				.isEqualTo(401);
		}
		TestSecurityContextHolder.clearContext();
		assertThat(mvc.perform(get("/api/v1/metrics/database").header("Authorization", "Bearer " + metrics))
			.andReturn().getResponse().getStatus()).isEqualTo(404);
		// This portal has no shell server key (the journey reads a real shell server's).
		TestSecurityContextHolder.clearContext();
		MockHttpServletResponse shell = mvc.perform(get("/api/v1/metrics/shell")
			.header("Authorization", "Bearer " + metrics)).andReturn().getResponse();
		assertThat(shell.getStatus()).isEqualTo(404);
		assertThat(shell.getContentAsString()).contains("no shell server");
		// A HEAD is answered by the GET handler: it takes the same token, not a student's reading one.
		String student = token(as("wren"), "sites:read");
		TestSecurityContextHolder.clearContext();
		assertThat(mvc.perform(head("/api/v1/metrics/router").header("Authorization", "Bearer " + student))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
		// A component that is down: a 502 Prometheus records as its target down, with no failure text of its own.
		COMPONENTS.metricsDown.set(true);
		try {
			TestSecurityContextHolder.clearContext();
			MockHttpServletResponse down = mvc.perform(get("/api/v1/metrics/router")
				.header("Authorization", "Bearer " + metrics)).andReturn().getResponse();
			assertThat(down.getStatus()).isEqualTo(502);
			assertThat(down.getContentAsString()).contains("The router did not answer").doesNotContain("down");
		}
		finally {
			COMPONENTS.metricsDown.set(false);
		}
	}

	@Test
	void theMetricsParseAsPrometheusTextAndCountTheOperationsThatRan() throws Exception {
		for (int i = 0; i < 2; i++) {
			long site = SiteForms.create(mvc, "wren", "wren-metrics-" + NAMES.incrementAndGet(), "STATIC", null);
			OperationWaits.awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		}
		MockHttpServletResponse scraped = scrape(token(user("warden").roles("ADMIN"), "metrics:read"));
		assertThat(scraped.getContentType()).startsWith("text/plain");
		Map<String, Double> samples = PrometheusText.parse(scraped.getContentAsString(StandardCharsets.UTF_8));
		assertThat(samples.get("director_operations_seconds_count{kind=CREATE_SITE,result=SUCCEEDED}")).isEqualTo(2.0);
		assertThat(samples.get("director_operations_seconds_sum{kind=CREATE_SITE,result=SUCCEEDED}")).isPositive();
		for (String step : List.of("apply_appserver", "publish_route", "check_reachable")) {
			assertThat(samples.get("director_operation_steps_seconds_count{result=SUCCEEDED,step=" + step + "}"))
				.as(step).isEqualTo(2.0);
		}
		assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_memory_used_bytes{area=heap"));
	}

}
