package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.DatabasePages.admin;
import static edu.tjhsst.director.manager.DatabasePages.hostForm;
import static edu.tjhsst.director.manager.OperationWaits.awaitFinished;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.SiteDatabaseServers.EMBEDDED;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MARIADB;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MYSQL_HOST;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MYSQL_PORT;
import static edu.tjhsst.director.manager.SiteDatabaseServers.randomLetters;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.system.PortalErrors;
import edu.tjhsst.director.manager.system.SecretBox;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * What a site's database page refuses, and what is left when it does: another student, a disabled site, a second
 * database, a busy site, a server that refuses Director, and no server to choose.
 */
@SpringBootTest
@AutoConfigureMockMvc
@SlowTest
class SiteDatabaseRefusalsIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SiteDatabaseRefusalsIntegrationTests.class);

	@RegisterExtension
	static final SiteDatabaseServers SERVERS = new SiteDatabaseServers();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@Autowired
	SecretBox secrets;

	private DatabasePages pages;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		SERVERS.register(registry);
	}

	@BeforeEach
	void accounts() throws Exception {
		TestAccounts.students(users, "gina", "hank");
		pages = new DatabasePages(mvc, jdbc, operations, COMPONENTS);
		pages.registerMariadb(SERVERS);
	}

	private String storedPassword(long siteId) {
		return jdbc.sql("select password from site_databases where site_id = ?").param(siteId).query(String.class)
			.optional().map(secrets::decrypt).orElse(null);
	}

	@Test
	void anotherStudentCannotReachTheDatabaseItsPasswordOrTheConsole() throws Exception {
		long id = pages.ginasSite();
		pages.createDatabase(id, EMBEDDED);
		mvc.perform(get("/sites/" + id + "/database").with(as("hank"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/database/reveal").with(as("hank")).with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString(SERVERS.prefix() + id + ":"))));
		mvc.perform(get("/sites/" + id + "/database/console").with(as("hank"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/database/console").param("sql", "select 1").with(as("hank")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/database/regenerate").with(as("hank")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/database/delete").param("confirm", pages.siteName(id)).with(as("hank"))
			.with(csrf())).andExpect(status().isNotFound());
		long other = pages.ginasSite();
		mvc.perform(post("/sites/" + other + "/database").param("hostId", pages.hostId(EMBEDDED).toString()).with(as("hank"))
			.with(csrf())).andExpect(status().isNotFound());
		assertThat(pages.databaseStatus(other)).isNull();
	}

	@Test
	void aDisabledSitesOwnerCannotCreateADatabase() throws Exception {
		long id = pages.ginasSite();
		jdbc.sql("update sites set availability = 'DISABLED' where id = ?").param(id).update();
		mvc.perform(post("/sites/" + id + "/database").param("hostId", pages.hostId(EMBEDDED).toString())
			.header(HttpHeaders.REFERER, "http://localhost/sites/" + id + "/database").with(as("gina")).with(csrf()))
			.andExpect(redirectedUrl("/sites/" + id + "/database"))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		assertThat(pages.databaseStatus(id)).isNull();
	}

	@Test
	void aSecondDatabaseIsRefusedAndNothingChanges() throws Exception {
		long id = pages.ginasSite();
		pages.createDatabase(id, EMBEDDED);
		long operationsBefore = pages.operationCount(id);
		Document refused = pages.page(post("/sites/" + id + "/database").param("hostId", pages.hostId(MARIADB).toString())
			.with(as("gina")).with(csrf()), 400);
		assertThat(refused.select("#database-error").text()).contains("already has a database");
		assertThat(pages.operationCount(id)).isEqualTo(operationsBefore);
		assertThat(jdbc.sql("select host_id from site_databases where site_id = ?").param(id).query(Long.class)
			.single()).isEqualTo(pages.hostId(EMBEDDED));
	}

	@Test
	void aSiteBusyWithAFailedOperationRefusesANewPasswordUntilItIsRetried() throws Exception {
		long id = pages.ginasSite();
		COMPONENTS.orchestratorFailures.set(1);
		mvc.perform(post("/sites/" + id + "/database").param("hostId", pages.hostId(EMBEDDED).toString()).with(as("gina"))
			.with(csrf())).andExpect(redirectedUrl("/sites/" + id));
		assertThat(awaitFinished(operations, id, OperationKind.CREATE_DATABASE).status()).isEqualTo(Status.FAILED);
		assertThat(operations.latest(id).orElseThrow().failedAction().slug()).isEqualTo("apply_appserver");
		String password = storedPassword(id);
		assertThat(password).isNotNull();

		mvc.perform(post("/sites/" + id + "/database/regenerate").with(as("gina")).with(csrf()))
			.andExpect(redirectedUrl("/sites/" + id))
			.andExpect(flash().attribute("error", PortalErrors.LOCKED));
		assertThat(storedPassword(id)).as("the password is not replaced").isEqualTo(password);

		mvc.perform(post("/sites/" + id + "/operations/" + operations.latest(id).orElseThrow().id() + "/retry")
			.with(as("gina")).with(csrf())).andExpect(status().is3xxRedirection());
		awaitSucceeded(operations, id, OperationKind.CREATE_DATABASE);
		assertThat(pages.lastSpec(id).get("database").get("password").asText()).isEqualTo(password);
	}

	@Test
	void aBusySiteGetsNoDatabaseRecordWhenTheOperationCannotStart() throws Exception {
		long id = pages.ginasSite();
		COMPONENTS.orchestratorFailures.set(1);
		mvc.perform(post("/sites/" + id + "/env").param("name", "GREETING").param("value", "hi").with(as("gina"))
			.with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(awaitFinished(operations, id, OperationKind.UPDATE_ENVIRONMENT).status()).isEqualTo(Status.FAILED);

		String back = "/sites/" + id + "/database";
		mvc.perform(post(back).param("hostId", pages.hostId(EMBEDDED).toString())
			.header(HttpHeaders.REFERER, "http://localhost" + back).with(as("gina")).with(csrf()))
			.andExpect(redirectedUrl(back))
			.andExpect(flash().attribute("error", PortalErrors.LOCKED));
		assertThat(pages.databaseStatus(id)).as("the record is rolled back with the operation").isNull();
		Document refused = pages.page(get(back).flashAttr("error", PortalErrors.LOCKED).with(as("gina")));
		assertThat(refused.select("#flash-error").text()).isEqualTo(PortalErrors.LOCKED);
		assertThat(refused.select("form#create-database")).as("the form, to try again").hasSize(1);
	}

	@Test
	void aServerThatRefusesDirectorFailsTheOperationWithItsOwnMessage() throws Exception {
		String name = "Refusing " + randomLetters(5);
		mvc.perform(hostForm("/admin/database-hosts", name, "MYSQL", MYSQL_HOST, Integer.toString(MYSQL_PORT),
				SERVERS.admin(), "not-the-password")).andExpect(redirectedUrl("/admin/database-hosts"));
		long id = pages.ginasSite();
		mvc.perform(post("/sites/" + id + "/database").param("hostId", pages.hostId(name).toString()).with(as("gina"))
			.with(csrf())).andExpect(redirectedUrl("/sites/" + id));
		assertThat(awaitFinished(operations, id, OperationKind.CREATE_DATABASE).status()).isEqualTo(Status.FAILED);
		Operation failed = operations.latest(id).orElseThrow();
		assertThat(failed.failedAction().slug()).isEqualTo("create_database");
		assertThat(failed.failedAction().message()).containsIgnoringCase("denied");
		assertThat(pages.page(get("/sites/" + id + "/database").with(as("gina"))).select("#database-status").text())
			.isEqualTo("Creating");
		assertThat(pages.lastSpec(id).get("database").isNull()).as("the site is not given a database that does not exist")
			.isTrue();
	}

	@Test
	void withNoServerEnabledThePageSaysAnAdministratorMustAddOne() throws Exception {
		long id = pages.ginasSite();
		List<Long> enabled = jdbc.sql("select id from database_hosts where enabled").query(Long.class).list();
		jdbc.sql("update database_hosts set enabled = false").update();
		try {
			Document none = pages.page(get("/sites/" + id + "/database").with(as("gina")));
			assertThat(none.select("#no-database-hosts").text()).contains("administrator must add one");
			assertThat(none.select("form#create-database")).isEmpty();
		}
		finally {
			enabled.forEach(host -> jdbc.sql("update database_hosts set enabled = true where id = ?").param(host)
				.update());
		}
	}

}
