package edu.tjhsst.director.manager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.system.PortalErrors;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.OperationWaits.awaitFinished;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.OperationWaits.until;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The manager on a real embedded PostgreSQL with the real Quartz job store, talking to stand-in components. */
@SpringBootTest
@AutoConfigureMockMvc
class ManagerIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(ManagerIntegrationTests.class);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "alice", "bob");
	}

	private long createSite(String user, String name) throws Exception {
		String location = mvc.perform(post("/sites/new").param("name", name).param("description", "d").with(as(user))
			.with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		return Long.parseLong(location.substring("/sites/".length()));
	}

	private Status statusOf(long siteId) {
		return operations.latest(siteId).orElseThrow().status();
	}

	@Test
	void migrationsCreateTheSchemaOnAnEmptyDatabase() {
		assertThat(jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
			.query(String.class).list()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9",
					"10", "11", "12", "13", "14", "15");
		assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name in ('leftover_sightings',"
				+ " 'reconcile_last_round')").query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'qrtz_triggers'")
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'api_tokens'")
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'ssh_keys'")
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'site_databases'")
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name in ('custom_domains',"
				+ " 'platform_settings')").query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("show fsync").query(String.class).single()).as("a power cut loses nothing committed")
			.isEqualTo("on");
		assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
		assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name in ('certificates',"
				+ " 'acme_accounts')").query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from information_schema.columns where table_name = 'sites' "
				+ "and column_name = 'disk_mib'").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select name from runtimes order by position").query(String.class).list())
			.containsExactly("plain", "python", "node", "php");
	}

	@Test
	void theFirstAdministratorCanLogInWithTheGeneratedPassword() throws Exception {
		Path file = COMPONENTS.data().resolve("secrets/initial-admin-password");
		List<String> lines = Files.readAllLines(file);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		mvc.perform(formLogin("/login").user(lines.get(0)).password(lines.get(1)))
			.andExpect(header().string("Location", "/sites"));
		mvc.perform(formLogin("/login").user(lines.get(0)).password("wrong"))
			.andExpect(header().string("Location", "/login?error"));
		assertThat(jdbc.sql("select password_hash from users where username = 'admin'").query(String.class).single())
			.startsWith("{bcrypt}").doesNotContain(lines.get(1));
	}

	@Test
	void creatingASiteRunsEveryActionInOrderAndThenShowsItsAddress() throws Exception {
		long id = createSite("alice", "alice-home");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		assertThat(operations.latest(id).orElseThrow().actions()).extracting(a -> a.status())
			.containsOnly(Status.SUCCEEDED);
		assertThat(operations.latest(id).orElseThrow().actions()).allSatisfy(action -> {
			assertThat(action.startedAt()).isNotNull();
			assertThat(action.finishedAt()).isAfterOrEqualTo(action.startedAt());
			assertThat(action.message()).isNotBlank();
		});
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"hosts\":[\"alice-home.sites.localhost\"]"));
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /routes/" + id + " "));
		mvc.perform(get("/sites/" + id).with(as("alice")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("http://alice-home.sites.localhost:8000/")));
		mvc.perform(get("/sites").with(as("alice")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("alice-home")));
	}

	@Test
	void anotherStudentGetsNotFoundForSomeoneElsesSite() throws Exception {
		long id = createSite("alice", "alice-private");
		mvc.perform(get("/sites/" + id).with(as("bob"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/delete").param("confirm", "alice-private").with(as("bob")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/sites").with(as("bob")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("alice-private"))));
	}

	@Test
	void aStudentCannotTellSomeoneElsesSiteFromOneThatDoesNotExist() throws Exception {
		long alices = createSite("alice", "alice-hidden");
		long missing = alices + 1_000_000;
		for (long id : new long[] { alices, missing }) {
			String page = mvc.perform(get("/sites/" + id).with(as("bob"))).andExpect(status().isNotFound())
				.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(Jsoup.parse(page).select("#problem").text()).as("site " + id).isEqualTo(PortalErrors.NOT_FOUND);
			mvc.perform(get("/sites/" + id + "/files/api/tree").with(as("bob")))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.error").value(PortalErrors.NOT_FOUND));
		}
	}

	@Test
	void aBadSiteNameIsExplainedNextToTheFieldAndCreatesNothing() throws Exception {
		long before = jdbc.sql("select count(*) from sites").query(Long.class).single();
		for (String bad : List.of("Bad Name", "x", "www", "9lives", "a--b", "<script>")) {
			mvc.perform(post("/sites/new").param("name", bad).with(as("alice")).with(csrf()))
				.andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"name-error\"")));
		}
		assertThat(jdbc.sql("select count(*) from sites").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void aTakenNameIsRefused() throws Exception {
		createSite("alice", "taken-name");
		mvc.perform(post("/sites/new").param("name", "taken-name").with(as("bob")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("That name is taken")));
	}

	@Test
	void aFailedOperationLocksTheSiteUntilARetrySucceeds() throws Exception {
		COMPONENTS.orchestratorFailures.set(1);
		long id = createSite("alice", "flaky-site");
		assertThat(awaitFinished(operations, id, OperationKind.CREATE_SITE).status()).isEqualTo(Status.FAILED);
		assertThat(operations.latest(id).orElseThrow().failedAction().message())
			.isEqualTo("The app server refused the change: nginx says no");
		mvc.perform(get("/sites/" + id).with(as("alice")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"retry\"")));

		mvc.perform(post("/sites/" + id + "/delete").param("confirm", "flaky-site").with(as("alice")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(operations.latest(id).orElseThrow().kind().name()).isEqualTo("CREATE_SITE");

		long operationId = operations.latest(id).orElseThrow().id();
		mvc.perform(post("/sites/" + id + "/operations/" + operationId + "/retry").with(as("alice")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		assertThat(operations.latest(id).orElseThrow().id()).isEqualTo(operationId);
	}

	@Test
	void deletingASiteNeedsItsNameAndRemovesItEverywhere() throws Exception {
		long id = createSite("alice", "short-lived");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		mvc.perform(post("/sites/" + id + "/delete").param("confirm", "wrong").with(as("alice")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(statusOf(id)).isEqualTo(Status.SUCCEEDED);
		mvc.perform(post("/sites/" + id + "/delete").param("confirm", "short-lived").with(as("alice")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		until(operations, id, "the site to be deleted",
				() -> jdbc.sql("select count(*) from sites where id = ?").param(id).query(Long.class).single() == 0);
		assertThat(COMPONENTS.calls).contains("DELETE /routes/" + id + " ", "DELETE /sites/" + id + " ");
	}

	@Test
	void formsWithoutACsrfTokenAreRefused() throws Exception {
		mvc.perform(post("/sites/new").param("name", "no-token").with(as("alice"))).andExpect(status().isForbidden());
	}

	@Test
	void studentsCannotOpenAdministratorPages() throws Exception {
		mvc.perform(get("/admin/users").with(as("alice"))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/operations").with(as("alice"))).andExpect(status().isForbidden());
	}

	@Test
	void anAdministratorCreatesAnAccountThatCanLogIn() throws Exception {
		RequestPostProcessor admin = SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");
		mvc.perform(post("/admin/users/new").param("username", "carol").param("email", "carol@school.example")
			.param("fullName", "Carol").param("role", "STUDENT").param("password", "short").with(admin).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("at least 10 characters")));
		mvc.perform(post("/admin/users/new").param("username", "carol").param("email", "carol@school.example")
			.param("fullName", "Carol").param("role", "STUDENT").param("password", "a-long-password").with(admin)
			.with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(formLogin("/login").user("carol").password("a-long-password"))
			.andExpect(header().string("Location", "/sites"));
	}

	@Test
	void administratorsSeeEverySiteAndCanSearchByNameOrMember() throws Exception {
		createSite("alice", "searchable-one");
		createSite("bob", "searchable-two");
		RequestPostProcessor admin = SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");
		mvc.perform(get("/sites").with(admin))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("searchable-one")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("searchable-two")));
		mvc.perform(get("/sites").param("q", "bob").with(admin))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("searchable-two")))
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("searchable-one"))));
		mvc.perform(get("/sites").param("q", "%_\\").with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("No site matches your search")));
	}

	@Test
	void administratorsPageThroughThousandsOfSitesFiftyAtATime() throws Exception {
		jdbc.sql("insert into sites (name, description, type) select 'paged-' || lpad(n::text, 3, '0'), 'paging',"
				+ " 'STATIC' from generate_series(1, 60) n").update();
		try {
			RequestPostProcessor admin = SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");
			String first = mvc.perform(get("/sites").param("q", "paged-").with(admin)).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			assertThat(first).contains(">paged-001<", ">paged-050<").doesNotContain(">paged-051<")
				.contains("id=\"next-page\"", "page=2").doesNotContain("id=\"previous-page\"");
			String second = mvc.perform(get("/sites").param("q", "paged-").param("page", "2").with(admin))
				.andReturn().getResponse().getContentAsString();
			assertThat(second).contains(">paged-051<", ">paged-060<").doesNotContain(">paged-050<")
				.contains("id=\"previous-page\"").doesNotContain("id=\"next-page\"");
			for (String bad : List.of("abc", "0", "-1", "1e9", "99999999999")) {
				assertThat(mvc.perform(get("/sites").param("q", "paged-").param("page", bad).with(admin))
					.andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
					.as(bad).contains(">paged-001<");
			}
			assertThat(mvc.perform(get("/sites").param("q", "paged-").param("page", "9").with(admin)).andReturn()
				.getResponse().getContentAsString()).contains("There are no more sites past the page before.");
			// With no search, every site, by name (a query of its own).
			List<String> byName = jdbc.sql("select name from sites order by name").query(String.class).list();
			String unfiltered = mvc.perform(get("/sites").param("page", "2").with(admin)).andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			assertThat(unfiltered).contains(">" + byName.get(50) + "<", ">" + byName.get(Math.min(99, byName.size() - 1))
					+ "<").doesNotContain(">" + byName.get(49) + "<").contains("id=\"previous-page\"");
		}
		finally {
			jdbc.sql("delete from sites where name like 'paged-%'").update();
		}
	}

	@Test
	void pagesAreThymeleafsAloneSoNoResolverLooksForATemplateInTheJarAtEachRequest() {
		// Spring Boot's Mustache resolver (JMustache comes with common, for Nginx files) caches nothing by default.
		assertThat(context.getBeansOfType(ViewResolver.class).values())
			.noneMatch(resolver -> resolver.getClass().getSimpleName().contains("Mustache"))
			.anyMatch(resolver -> resolver.getClass().getSimpleName().equals("ThymeleafViewResolver"));
	}

	@Test
	void signedInPagesNeedALogin() throws Exception {
		mvc.perform(get("/sites")).andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", "http://localhost/login"));
	}

}
