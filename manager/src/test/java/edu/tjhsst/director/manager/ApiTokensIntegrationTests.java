package edu.tjhsst.director.manager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static edu.tjhsst.director.manager.TestTokens.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Personal API tokens and the API they sign in to: a token is shown once and kept as a hash, its use is recorded, and
 * every call is refused without a token that works (none, garbage, unknown, expired, revoked, a disabled account's,
 * the portal's session cookie), with a read-only token on a write, and with another student's token on one's site.
 * An administrator's token is an administrator's only with the admin scope. A site is created, waited for and deleted
 * through the API, and bad input gets a problem detail with nothing stored.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ApiTokensIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(ApiTokensIntegrationTests.class);

	private static final Pattern SECRET = TestTokens.SECRET;

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Operations operations;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "tara", "uma", "vic");
		TestAccounts.administrator(users, "chief");
	}

	private static RequestPostProcessor admin() {
		return user("chief").roles("ADMIN");
	}

	private String token(RequestPostProcessor who, String... scopes) throws Exception {
		return TestTokens.make(mvc, who, scopes);
	}

	/** An API call with this Authorization header (none when null), as a script makes it: no portal session. */
	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String authorization)
			throws Exception {
		TestSecurityContextHolder.clearContext();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token, boolean bearer)
			throws Exception {
		return bearer ? TestTokens.call(mvc, request, token) : call(request, token);
	}

	private static JsonNode json(MockHttpServletResponse response) throws Exception {
		return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	private long siteOf(String student) throws Exception {
		return SiteForms.create(mvc, student, student + "s-" + NAMES.incrementAndGet(), "STATIC", null);
	}

	@Test
	void aTokenIsShownOnceKeptOnlyAsItsHashAndItsLastUseIsListed() throws Exception {
		String secret = token(as("tara"), "sites:read");
		String stored = jdbc.sql("select token_hash from api_tokens t join users u on u.id = t.user_id "
				+ "where u.username = 'tara' order by t.id desc limit 1").query(String.class).single();
		assertThat(stored).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
			.digest(secret.getBytes(StandardCharsets.US_ASCII))));
		String table = jdbc.sql("select string_agg(t::text, ' ') from api_tokens t").query(String.class).single();
		assertThat(table).doesNotContain(secret).doesNotContain(secret.substring("director_".length()));

		String again = mvc.perform(get("/account/tokens").with(as("tara"))).andReturn().getResponse()
			.getContentAsString();
		assertThat(again).doesNotContain(secret);
		Element row = Jsoup.parse(again).select("#api-tokens tbody tr").first();
		assertThat(row.select(".token-scopes").text()).isEqualTo("sites:read");
		assertThat(row.select(".token-last-used").text()).isEqualTo("never");

		MockHttpServletResponse listed = call(get("/api/v1/sites"), secret, true);
		assertThat(listed.getStatus()).isEqualTo(200);
		assertThat(listed.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
		String used = mvc.perform(get("/account/tokens").with(as("tara"))).andReturn().getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(used).select("#api-tokens tbody tr").first().select(".token-last-used").text())
			.endsWith("from 127.0.0.1");
		assertThat(used).contains("href=\"/account/tokens\"");
	}

	@Test
	void everyCallIsRefusedWithoutATokenThatWorksAndSaysWhy() throws Exception {
		long site = siteOf("uma");
		String expired = token(as("uma"), "sites:read");
		jdbc.sql("update api_tokens set expires_at = now() - interval '1 second' where token_hash = ?")
			.param(hash(expired)).update();
		String revoked = token(as("uma"), "sites:read");
		long revokedId = jdbc.sql("select id from api_tokens where token_hash = ?").param(hash(revoked))
			.query(Long.class).single();
		mvc.perform(post("/account/tokens/" + revokedId + "/revoke").with(as("vic")).with(csrf()));
		assertThat(call(get("/api/v1/sites/" + site), revoked, true).getStatus())
			.as("another student cannot revoke it").isEqualTo(200);
		mvc.perform(post("/account/tokens/" + revokedId + "/revoke").with(as("uma")).with(csrf()));

		Map<String, String> refusals = Map.of(
				"", "Sign the call in with a personal token",
				"Bearer nonsense", "not a Director API token",
				"Bearer director_" + "A".repeat(43), "not known",
				"Bearer " + expired, "expired",
				"Bearer " + revoked, "revoked",
				"Basic " + expired, "Send the token as Authorization: Bearer");
		for (Map.Entry<String, String> refusal : refusals.entrySet()) {
			for (MockHttpServletRequestBuilder request : List.of(get("/api/v1/sites"), get("/api/v1/sites/" + site),
					delete("/api/v1/sites/" + site), get("/api/v1/nothing/here"))) {
				MockHttpServletResponse response = call(request, refusal.getKey().isEmpty() ? null : refusal.getKey());
				assertProblem(response, 401, refusal.getValue());
				assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
			}
		}

		String working = token(as("uma"), "sites:read");
		assertThat(call(get("/api/v1/sites/" + site), working, true).getStatus()).isEqualTo(200);
		jdbc.sql("update users set enabled = false where username = 'uma'").update();
		try {
			assertProblem(call(get("/api/v1/sites/" + site), working, true), 401, "account is disabled");
		}
		finally {
			jdbc.sql("update users set enabled = true where username = 'uma'").update();
		}
		assertThat(jdbc.sql("select operation_count from (select count(*) operation_count from operations "
				+ "where site_id = ? and kind = 'DELETE_SITE') c").param(site).query(Long.class).single()).isZero();
	}

	@Test
	void thePortalsSessionCookieDoesNotSignAnApiCallIn() throws Exception {
		MockHttpSession session = (MockHttpSession) mvc.perform(post("/login").param("username", "vic")
			.param("password", "password-vic").with(csrf())).andReturn().getRequest().getSession();
		assertThat(mvc.perform(get("/sites").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
		TestSecurityContextHolder.clearContext();
		MockHttpServletResponse response = mvc.perform(get("/api/v1/sites").session(session)).andReturn()
			.getResponse();
		assertProblem(response, 401, "Sign the call in with a personal token");
		MockHttpServletResponse write = mvc.perform(post("/api/v1/sites").session(session)
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"vic-by-cookie\"}")).andReturn().getResponse();
		assertProblem(write, 401, "Sign the call in with a personal token");
		assertThat(jdbc.sql("select count(*) from sites where name = 'vic-by-cookie'").query(Long.class).single())
			.isZero();
	}

	@Test
	void aReadOnlyTokenCannotWriteAndOneStudentsTokenNeverReachesAnothersSite() throws Exception {
		long taras = siteOf("tara");
		String tarasReadOnly = token(as("tara"), "sites:read");
		assertProblem(call(post("/api/v1/sites").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"tara-ro\"}"), tarasReadOnly, true), 403, "scopes do not allow");
		assertProblem(call(delete("/api/v1/sites/" + taras), tarasReadOnly, true), 403, "scopes do not allow");
		assertProblem(call(post("/api/v1/sites/" + taras + "/restart"), tarasReadOnly, true), 403,
				"scopes do not allow");

		long vicsSite = siteOf("vic");
		String vics = token(as("vic"), "sites:read", "sites:write");
		JsonNode listed = json(call(get("/api/v1/sites?size=100"), vics, true));
		assertThat(listed.get("items").findValuesAsText("id")).contains(Long.toString(vicsSite))
			.doesNotContain(Long.toString(taras));
		long tarasOperation = jdbc.sql("select max(id) from operations where site_id = ?").param(taras)
			.query(Long.class).single();
		for (MockHttpServletRequestBuilder request : List.of(get("/api/v1/sites/" + taras),
				delete("/api/v1/sites/" + taras), post("/api/v1/sites/" + taras + "/restart"),
				get("/api/v1/operations/" + tarasOperation), post("/api/v1/operations/" + tarasOperation + "/retry"))) {
			assertProblem(call(request, vics, true), 404, "not yours to see");
		}
		assertThat(jdbc.sql("select count(*) from operations where site_id = ?").param(taras).query(Long.class)
			.single()).isOne();
	}

	@Test
	void anAdministratorsTokenActsAsAnAdministratorOnlyWithTheAdminScope() throws Exception {
		long taras = siteOf("tara");
		String plain = token(admin(), "sites:read");
		assertProblem(call(get("/api/v1/sites/" + taras), plain, true), 404, "not yours to see");
		JsonNode listed = json(call(get("/api/v1/sites?size=100"), plain, true));
		assertThat(listed.get("items").findValuesAsText("id")).doesNotContain(Long.toString(taras));

		String full = token(admin(), "sites:read", "admin");
		JsonNode site = json(call(get("/api/v1/sites/" + taras), full, true));
		assertThat(site.get("id").asLong()).isEqualTo(taras);
		assertThat(site.get("latestOperation").get("kind").asText()).isEqualTo("CREATE_SITE");

		// The admin scope grants nothing once its owner is no longer an administrator.
		jdbc.sql("update users set role = 'STUDENT' where username = 'chief'").update();
		try {
			assertProblem(call(get("/api/v1/sites/" + taras), full, true), 404, "not yours to see");
		}
		finally {
			jdbc.sql("update users set role = 'ADMIN' where username = 'chief'").update();
		}

		// A student cannot make an admin token, nor one with a scope no form offers; nothing is stored.
		long before = jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
		for (String scope : List.of("admin", "root", "sites:read sites:write")) {
			String page = mvc.perform(post("/account/tokens").param("name", "sneaky").param("days", "30")
				.param("scope", scope).with(as("tara")).with(csrf())).andReturn().getResponse().getContentAsString();
			assertThat(page).as(scope).contains("id=\"token-error\"").doesNotContainPattern(SECRET);
		}
		Map<String, String> badForms = Map.of("name=&days=30&scope=sites:read", "Name the token",
				"name=%3Cscript%3E&days=30&scope=sites:read", "Name the token",
				"name=ok&days=0&scope=sites:read", "from 1 to 366 days",
				"name=ok&days=367&scope=sites:read", "from 1 to 366 days",
				"name=ok&days=ten&scope=sites:read", "from 1 to 366 days",
				"name=ok&days=30", "at least one scope");
		for (Map.Entry<String, String> bad : badForms.entrySet()) {
			String page = mvc.perform(post("/account/tokens?" + bad.getKey()).with(as("tara")).with(csrf()))
				.andReturn().getResponse().getContentAsString();
			assertThat(page).as(bad.getKey()).contains(bad.getValue()).doesNotContainPattern(SECRET)
				.doesNotContain("<script>");
		}
		assertThat(jdbc.sql("select count(*) from api_tokens").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void aSiteIsCreatedWaitedForAndDeletedThroughTheApiAndBadInputStoresNothing() throws Exception {
		String secret = token(as("vic"), "sites:write");
		String name = "vic-api-" + NAMES.incrementAndGet();
		MockHttpServletResponse created = call(post("/api/v1/sites").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + name + "\", \"type\": \"static\", \"description\": \"from a script\"}"), secret,
				true);
		assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
		long site = json(created).get("siteId").asLong();
		assertThat(created.getHeader("Location")).isEqualTo("/api/v1/sites/" + site);
		long operation = json(created).get("operationId").asLong();
		JsonNode finished = json(call(get("/api/v1/operations/" + operation + "?wait=30"), secret, true));
		assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
		assertThat(finished.get("steps").findValuesAsText("status")).containsOnly("SUCCEEDED");
		JsonNode shown = json(call(get("/api/v1/sites/" + site), secret, true));
		assertThat(shown.get("name").asText()).isEqualTo(name);
		assertThat(shown.get("description").asText()).isEqualTo("from a script");
		assertThat(shown.get("url").asText()).startsWith("http").contains(name);

		long sitesBefore = jdbc.sql("select count(*) from sites").query(Long.class).single();
		Map<String, String> bad = Map.of(
				"{\"name\": \"Bad Name!\"}", "name",
				"{\"name\": \"" + name + "\"}", "name",
				"{\"name\": \"vic-typed\", \"type\": \"java\"}", "type",
				"{\"name\": \"vic-described\", \"description\": \"" + "x".repeat(501) + "\"}", "description",
				"{\"name\": \"vic-dynamic\", \"type\": \"dynamic\", \"runtime\": \"cobol\"}", "runtime");
		for (Map.Entry<String, String> body : bad.entrySet()) {
			MockHttpServletResponse refused = call(post("/api/v1/sites").contentType(MediaType.APPLICATION_JSON)
				.content(body.getKey()), secret, true);
			assertProblem(refused, 422, "nothing was stored");
			assertThat(json(refused).get("errors").has(body.getValue())).as(body.getKey()).isTrue();
		}
		assertProblem(call(post("/api/v1/sites").contentType(MediaType.APPLICATION_JSON).content("{not json"), secret,
				true), 400, "not the JSON object");
		assertProblem(call(get("/api/v1/sites?page=0"), secret, true), 400, "page counts from 1");
		assertProblem(call(get("/api/v1/sites/abc"), secret, true), 400, "must be a number");
		assertProblem(call(get("/api/v1/operations/" + operation + "?wait=61"), secret, true), 400, "wait is from 0");
		assertProblem(call(post("/api/v1/sites/" + site + "/restart"), secret, true), 409, "no process");
		assertThat(jdbc.sql("select count(*) from sites").query(Long.class).single()).isEqualTo(sitesBefore);

		MockHttpServletResponse deleting = call(delete("/api/v1/sites/" + site), secret, true);
		assertThat(deleting.getStatus()).isEqualTo(202);
		long deletion = json(deleting).get("operationId").asLong();
		assertThat(deleting.getHeader("Location")).isEqualTo("/api/v1/operations/" + deletion);
		// A deletion removes the site's operations with it, as its last step: a wait that saw it go says so (410);
		// one that starts after it has gone can only say there is nothing (404).
		MockHttpServletResponse waited = call(get("/api/v1/operations/" + deletion + "?wait=30"), secret, true);
		assertThat(waited.getStatus()).as(waited.getContentAsString()).isIn(404, 410);
		assertThat(jdbc.sql("select count(*) from sites where id = ?").param(site).query(Long.class).single()).isZero();
	}

	@Test
	void callsOfOtherShapesGetProblemDetailsTooAndAReadOnlyTokenMayAskForHeaders() throws Exception {
		String secret = token(as("uma"), "sites:read", "sites:write");
		String readOnly = token(as("uma"), "sites:read");
		assertThat(call(head("/api/v1/sites"), readOnly, true).getStatus()).isEqualTo(200);
		// curl -d without -H Content-Type sends a form.
		assertProblem(call(post("/api/v1/sites").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("name=uma-form"), secret, true), 415, "not supported");
		assertProblem(call(post("/api/v1/sites").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"uma-big\", \"description\": \"" + "x".repeat(70_000) + "\"}"), secret, true), 413,
				"larger than this call takes");
		assertProblem(call(get("/api/v1/nothing"), secret, true), 404, "No API call answers GET /api/v1/nothing");
		assertThat(jdbc.sql("select count(*) from sites where name like 'uma-%'").query(Long.class).single()).isZero();
	}

	@Test
	void aPersonWaitsForAtMostTwoOperationsAtOnceSoThatWaitsCannotHoldEveryRequestThread() throws Exception {
		long site = siteOf("vic");
		OperationWaits.awaitSucceeded(operations, site, OperationKind.CREATE_SITE);
		// An operation that stays unfinished: recorded, with no job to run it.
		long stuck = jdbc.sql("insert into operations (site_id, kind, status) values (?, 'RESTART_PROCESS', 'RUNNING') "
				+ "returning id").param(site).query(Long.class).single();
		String secret = token(as("vic"), "sites:read");
		ExecutorService waiters = Executors.newFixedThreadPool(2);
		try {
			List<Future<MockHttpServletResponse>> waiting = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				waiting.add(waiters.submit(() -> mvc.perform(get("/api/v1/operations/" + stuck + "?wait=4")
					.header("Authorization", "Bearer " + secret)).andReturn().getResponse()));
			}
			Thread.sleep(1500);
			MockHttpServletResponse third = call(get("/api/v1/operations/" + stuck + "?wait=4"), secret, true);
			assertProblem(third, 429, "at most 2 operations at once");
			assertThat(third.getHeader("Retry-After")).isEqualTo("5");
			// Without wait, the operation as it stands, at once.
			assertThat(json(call(get("/api/v1/operations/" + stuck), secret, true)).get("status").asText())
				.isEqualTo("RUNNING");
			for (Future<MockHttpServletResponse> wait : waiting) {
				MockHttpServletResponse answer = wait.get(30, TimeUnit.SECONDS);
				assertThat(answer.getStatus()).isEqualTo(200);
				assertThat(json(answer).get("status").asText()).isEqualTo("RUNNING");
			}
			// Once they are over, another may wait.
			assertThat(call(get("/api/v1/operations/" + stuck + "?wait=1"), secret, true).getStatus()).isEqualTo(200);
		}
		finally {
			waiters.shutdownNow();
			jdbc.sql("update operations set status = 'SUCCEEDED' where id = ?").param(stuck).update();
		}
	}

	private static String hash(String secret) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
			.digest(secret.getBytes(StandardCharsets.US_ASCII)));
	}

}
