package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.TestTokens.assertProblem;
import static edu.tjhsst.director.manager.TestTokens.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.manager.user.PasswordCheck;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * Accounts as administrators make them, on the "New user" page and through the API, with the same rules. Through the
 * API, as an administrator's script makes them: a class's list imported whole or not at all
 * (its own passwords kept, missing ones made and answered once, taken names skipped), one account created, the list
 * read a page at a time, a user's limit on sites set. Only an administrator's token with the admin scope may (and
 * reads or changes as its other scopes allow): a student's, or an administrator's without that scope, is refused.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccountsIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(AccountsIntegrationTests.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@Autowired
	PasswordCheck passwords;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "sam");
		TestAccounts.administrator(users, "dean");
	}

	private static RequestPostProcessor admin() {
		return user("dean").roles("ADMIN");
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token) throws Exception {
		return TestTokens.call(mvc, request, token);
	}

	private MockHttpServletResponse send(String path, Object body, String token) throws Exception {
		return call(post(path).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)), token);
	}

	private static Map<String, String> row(String username, String email, String role, String password) {
		return Map.of("username", username, "email", email, "fullName", "Pupil " + username, "role", role,
				"password", password);
	}

	@Test
	void anAdministratorsScriptImportsAClassWholeOrNotAtAll() throws Exception {
		String token = TestTokens.make(mvc, admin(), "admin", "sites:write");
		String imports = "/api/v1/admin/users/import";
		List<Map<String, String>> wrong = List.of(row("cls_ann", "ann@school.org", "student", ""),
				row("cls_bob", "not an address", "student", ""), row("cls_cy", "cy@school.org", "janitor", ""),
				row("cls_ann", "ann2@school.org", "student", ""));
		JsonNode refused = json(send(imports, wrong, token), 422);
		assertThat(refused.get("detail").asText()).contains("nothing was created");
		assertThat(refused.get("errors").get("row 2 email").asText()).contains("valid e-mail");
		assertThat(refused.get("errors").get("row 3 role").asText()).contains("student, teacher or admin");
		assertThat(refused.get("errors").get("row 4 username").asText()).contains("twice");
		assertThat(users.findByUsername("cls_ann")).as("a wrong row stores none of the list").isEmpty();

		List<Map<String, String>> list = List.of(row("cls_ann", "ann@school.org", "student", ""),
				row("cls_dot", "dot@school.org", "Teacher", "her own password"), row("sam", "sam@school.org", "", ""));
		JsonNode dry = json(send(imports + "?dryRun=true", list, token), 200);
		assertThat(dry.get("created").findValuesAsText("username")).containsExactly("cls_ann", "cls_dot");
		assertThat(dry.get("created").get(0).get("password").isNull()).isTrue();
		assertThat(users.findByUsername("cls_ann")).as("a dry run stores nothing").isEmpty();

		JsonNode done = json(send(imports, list, token), 200);
		assertThat(done.get("skipped").toString()).isEqualTo("[\"sam\"]");
		String made = done.get("created").get(0).get("password").asText();
		assertThat(made).matches("[A-Za-z0-9]{20}");
		assertThat(done.get("created").get(1).get("password").isNull()).as("a given password is not repeated")
			.isTrue();
		assertThat(passwords.check("cls_ann", made)).as("signs in with the made password").isPresent();
		assertThat(passwords.check("cls_dot", "her own password")).isPresent();
		assertThat(users.findByUsername("cls_dot").orElseThrow().role().name()).isEqualTo("TEACHER");
		assertThat(json(send(imports, list, token), 200).get("created")).as("importing again changes nothing")
			.isEmpty();

		List<Map<String, String>> tooMany = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			tooMany.add(row("many_" + i, "m" + i + "@school.org", "student", ""));
		}
		assertProblem(send(imports, tooMany, token), 422, "1 to 100 accounts");
		assertThat(users.findByUsername("many_0")).isEmpty();
	}

	@Test
	void anAdministratorsScriptCreatesAnAccountListsAccountsAndSetsALimit() throws Exception {
		String token = TestTokens.make(mvc, admin(), "admin", "sites:write");
		JsonNode taken = json(send("/api/v1/admin/users", row("sam", "sam@school.org", "student", "long enough"),
				token), 422);
		assertThat(taken.get("errors").get("username").asText()).isEqualTo("That user name is taken.");
		assertThat(json(send("/api/v1/admin/users", row("one_eve", "eve@school.org", "student", "short"), token), 422)
			.get("errors").get("password").asText()).contains("at least 10");
		Map<String, String> noPassword = new HashMap<>(row("one_eve", "eve@school.org", "student", ""));
		noPassword.remove("password");
		assertThat(json(send("/api/v1/admin/users", noPassword, token), 422).get("errors").get("password").asText())
			.contains("Enter a password");
		assertThat(json(send("/api/v1/admin/users", row("one_eve", "eve@school.org", "student", "é".repeat(37)),
				token), 422).get("errors").get("password").asText()).as("74 bytes").contains("at most 72 bytes");
		MockHttpServletResponse created = send("/api/v1/admin/users",
				row("one_eve", "eve@school.org", "teacher", "long enough"), token);
		JsonNode eve = json(created, 201);
		assertThat(created.getHeader("Location")).isEqualTo("/api/v1/admin/users/" + eve.get("id").asLong());
		assertThat(eve.get("role").asText()).isEqualTo("TEACHER");
		assertThat(eve.toString()).doesNotContain("long enough");

		JsonNode page = json(call(get("/api/v1/admin/users?q=one_&role=teacher&size=1"), token), 200);
		assertThat(page.get("items").findValuesAsText("username")).containsExactly("one_eve");
		JsonNode everyone = json(call(get("/api/v1/admin/users?size=1"), token), 200);
		assertThat(everyone.get("hasNext").asBoolean()).isTrue();
		assertProblem(call(get("/api/v1/admin/users?size=1000"), token), 400, "size");

		assertThat(json(call(get("/api/v1/admin/users/" + eve.get("id").asLong()), token), 200).get("email").asText())
			.isEqualTo("eve@school.org");
		assertProblem(call(get("/api/v1/admin/users/999999"), token), 404, "no such user");
		String limit = "/api/v1/admin/users/" + eve.get("id").asLong() + "/max-sites";
		JsonNode limited = json(call(put(limit).contentType(MediaType.APPLICATION_JSON).content("{\"maxSites\":3}"),
				token), 200);
		assertThat(limited.get("maxSites").asInt()).isEqualTo(3);
		assertThat(limited.get("customMaxSites").asBoolean()).isTrue();
		assertThat(json(call(put(limit).contentType(MediaType.APPLICATION_JSON).content("{\"maxSites\":-1}"), token),
				422).get("errors").has("maxSites")).isTrue();
		assertThat(json(call(put(limit).contentType(MediaType.APPLICATION_JSON).content("{\"maxSites\":null}"),
				token), 200).get("customMaxSites").asBoolean()).isFalse();
		assertProblem(call(put("/api/v1/admin/users/999999/max-sites").contentType(MediaType.APPLICATION_JSON)
			.content("{\"maxSites\":3}"), token), 404, "no such user");
	}

	@Test
	void theNewUserPageSaysATakenNameWithTheFormsOtherProblemsAndCreatesWithTheSameRules() throws Exception {
		String page = mvc.perform(post("/admin/users/new").param("username", "sam").param("email", "not an address")
			.param("fullName", "").param("role", "STUDENT").param("password", "é".repeat(37)).with(admin())
			.with(csrf())).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("That user name is taken.").contains("Enter a valid e-mail address.");
		page = mvc.perform(post("/admin/users/new").param("username", "page_pat").param("email", "pat@school.org")
			.param("fullName", "Pat").param("role", "TEACHER").param("password", "é".repeat(37)).with(admin())
			.with(csrf())).andReturn().getResponse().getContentAsString();
		assertThat(page).as("74 bytes, once the rest is right").contains("at most 72 bytes");
		mvc.perform(post("/admin/users/new").param("username", "page_pat").param("email", "pat@school.org")
			.param("fullName", "Pat").param("role", "TEACHER").param("password", "a long enough one").with(admin())
			.with(csrf())).andExpect(redirectedUrl("/admin/users"));
		assertThat(passwords.check("page_pat", "a long enough one").orElseThrow().role().name()).isEqualTo("TEACHER");
	}

	@Test
	void onlyAnAdministratorsTokenWithTheAdminScopeReachesTheAccounts() throws Exception {
		String student = TestTokens.make(mvc, TestAccounts.as("sam"), "sites:write");
		String adminWithoutScope = TestTokens.make(mvc, admin(), "sites:write");
		Map<String, String> sneaky = row("sneaky", "s@school.org", "admin", "long enough");
		long sams = users.findByUsername("sam").orElseThrow().id();
		String raise = "/api/v1/admin/users/" + sams + "/max-sites";
		for (String token : new String[] { student, adminWithoutScope }) {
			assertThat(call(get("/api/v1/admin/users"), token).getStatus()).isEqualTo(403);
			assertThat(call(get("/api/v1/admin/users/" + sams), token).getStatus()).isEqualTo(403);
			assertThat(call(put(raise).contentType(MediaType.APPLICATION_JSON).content("{\"maxSites\":500}"), token)
				.getStatus()).as("a student raising their own limit").isEqualTo(403);
			assertThat(send("/api/v1/admin/users", sneaky, token).getStatus()).isEqualTo(403);
			assertThat(send("/api/v1/admin/users/import", List.of(sneaky), token).getStatus()).isEqualTo(403);
		}
		String adminReader = TestTokens.make(mvc, admin(), "admin", "sites:read");
		assertThat(call(get("/api/v1/admin/users"), adminReader).getStatus()).as("reads").isEqualTo(200);
		assertThat(send("/api/v1/admin/users", sneaky, adminReader).getStatus()).as("but changes nothing")
			.isEqualTo(403);
		assertThat(call(put(raise).contentType(MediaType.APPLICATION_JSON).content("{\"maxSites\":500}"),
				adminReader).getStatus()).isEqualTo(403);
		assertThat(json(call(get("/api/v1/admin/users/" + sams), adminReader), 200).get("customMaxSites").asBoolean())
			.as("no limit was set").isFalse();
		assertThat(call(get("/api/v1/admin/users"), null).getStatus()).isEqualTo(401);
		// An administrator's token grants nothing of theirs once they are no longer one.
		String full = TestTokens.make(mvc, admin(), "admin", "sites:write");
		jdbc.sql("update users set role = 'TEACHER' where username = 'dean'").update();
		try {
			assertThat(send("/api/v1/admin/users", sneaky, full).getStatus()).isEqualTo(403);
		}
		finally {
			jdbc.sql("update users set role = 'ADMIN' where username = 'dean'").update();
		}
		assertThat(users.findByUsername("sneaky")).isEmpty();
	}

}
