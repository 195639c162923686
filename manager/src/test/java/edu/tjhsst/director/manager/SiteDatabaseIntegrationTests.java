package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.OperationWaits.awaitFinished;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.OperationWaits.until;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.manager.database.DatabaseHost;
import edu.tjhsst.director.manager.database.DatabaseHostRepository;
import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.system.PortalErrors;
import edu.tjhsst.director.manager.system.SecretBox;
import edu.tjhsst.director.manager.terminal.TerminalGrants;
import edu.tjhsst.director.manager.user.User;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * Sites' databases through the portal, on the embedded sites' PostgreSQL and on this machine's MariaDB registered
 * through the admin form: creating one, what the site's spec and its owner see, using it as the site's user, a new
 * password, deleting it (and the site), the SQL console, who may reach what, and the admin pages' checks.
 */
@SpringBootTest
@AutoConfigureMockMvc
@SlowTest
class SiteDatabaseIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SiteDatabaseIntegrationTests.class);

	private static final AtomicInteger SITES = new AtomicInteger();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final SecureRandom RANDOM = new SecureRandom();

	/** This run's names on the shared MariaDB: databases, users and the admin user all start with it. */
	private static final String PREFIX = "t" + randomLetters(6) + "_";

	private static final int EMBEDDED_PORT = freePort();

	private static final String MYSQL_HOST = env("DIRECTOR_TEST_MYSQL_HOST", "127.0.0.1");

	private static final int MYSQL_PORT = Integer.parseInt(env("DIRECTOR_TEST_MYSQL_PORT", "3306"));

	private static final String MYSQL_ROOT = env("DIRECTOR_TEST_MYSQL_USER", "root");

	private static final String MYSQL_ROOT_PASSWORD = env("DIRECTOR_TEST_MYSQL_PASSWORD", "");

	/** An admin user made for this run, so that the host registered through the form has a real password. */
	private static final String MYSQL_ADMIN = PREFIX + "admin";

	private static final String MYSQL_ADMIN_PASSWORD = "Adm1n-" + randomLetters(16) + "!#";

	private static final String MARIADB = "Test MariaDB";

	private static final String EMBEDDED = "Embedded PostgreSQL";

	private static final int ROW_CAP = 5;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@Autowired
	DatabaseHostRepository hosts;

	@Autowired
	SecretBox secrets;

	@Autowired
	TerminalGrants grants;

	@Autowired
	TerminalTokens tokens;

	@Autowired
	SiteRepository sites;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		registry.add("director.site-databases.embedded", () -> "true");
		registry.add("director.site-databases.embedded-port", () -> EMBEDDED_PORT);
		registry.add("director.site-databases.sites-host", () -> "127.0.0.1");
		registry.add("director.site-databases.prefix", () -> PREFIX);
		registry.add("director.site-databases.console-timeout-seconds", () -> 1);
		registry.add("director.site-databases.console-row-cap", () -> ROW_CAP);
	}

	@BeforeAll
	static void mysqlAdmin() throws SQLException {
		try (Connection root = mysqlRoot(); Statement statement = root.createStatement()) {
			statement.execute("CREATE USER '" + MYSQL_ADMIN + "'@'%' IDENTIFIED BY '" + MYSQL_ADMIN_PASSWORD + "'");
			statement.execute("GRANT ALL PRIVILEGES ON *.* TO '" + MYSQL_ADMIN + "'@'%' WITH GRANT OPTION");
		}
	}

	/** Drops every database and user this run made on the shared MariaDB, the admin user last. */
	@AfterAll
	static void cleanUp() throws SQLException {
		try (Connection root = mysqlRoot(); Statement statement = root.createStatement()) {
			List<String> databases = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT schema_name FROM information_schema.schemata")) {
				while (rs.next()) {
					if (rs.getString(1).startsWith(PREFIX)) {
						databases.add(rs.getString(1));
					}
				}
			}
			List<String> accounts = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT user, host FROM mysql.user")) {
				while (rs.next()) {
					if (rs.getString(1).startsWith(PREFIX)) {
						accounts.add("'" + rs.getString(1) + "'@'" + rs.getString(2) + "'");
					}
				}
			}
			for (String database : databases) {
				statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
			}
			for (String account : accounts) {
				statement.execute("DROP USER IF EXISTS " + account);
			}
		}
	}

	@BeforeEach
	void accounts() throws Exception {
		TestAccounts.students(users, "gina", "hank");
		if (hostId(MARIADB) == null) {
			mvc.perform(hostForm("/admin/database-hosts", MARIADB, "MYSQL", MYSQL_HOST, Integer.toString(MYSQL_PORT),
					MYSQL_ADMIN, MYSQL_ADMIN_PASSWORD))
				.andExpect(redirectedUrl("/admin/database-hosts"));
		}
	}

	// --- the owner's page, the spec and the database itself ---

	@Test
	void aStudentCreatesADatabaseOnThePostgresqlAndTheSiteGetsItsAddress() throws Exception {
		createdAndUsable(EMBEDDED, "postgres");
	}

	@Test
	void aStudentCreatesADatabaseOnTheMariadbAndTheSiteGetsItsAddress() throws Exception {
		createdAndUsable(MARIADB, "mysql");
	}

	private void createdAndUsable(String hostName, String scheme) throws Exception {
		long id = ginasSite();
		Document before = page(get("/sites/" + id + "/database").with(as("gina")));
		assertThat(before.select("#database-host option").eachText())
			.contains(hostName + (scheme.equals("mysql") ? " (MySQL / MariaDB)" : " (PostgreSQL)"));
		assertThat(page(get("/sites/" + id).with(as("gina"))).select("a#database-link").attr("href"))
			.isEqualTo("/sites/" + id + "/database");

		createDatabase(id, hostName);

		String name = PREFIX + id;
		JsonNode database = lastSpec(id).get("database");
		assertThat(database.get("name").asText()).isEqualTo(name);
		assertThat(database.get("username").asText()).isEqualTo(name);
		String password = database.get("password").asText();
		assertThat(password).matches("[A-Za-z0-9]{24}");
		String url = scheme + "://" + name + ":" + password + "@127.0.0.1:" + database.get("port").asInt() + "/" + name;

		String html = mvc.perform(get("/sites/" + id + "/database").with(as("gina"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		Document shown = Jsoup.parse(html);
		assertThat(shown.select("#database-status").text()).isEqualTo("Ready");
		assertThat(shown.select("#database-host-name").text()).isEqualTo(hostName);
		assertThat(shown.select("code#database-url").text())
			.isEqualTo(scheme + "://" + name + ":********@127.0.0.1:" + database.get("port").asInt() + "/" + name);
		assertThat(shown.select("#database-parts td").eachText()).contains(name, "127.0.0.1");
		assertThat(html).as("the page never carries the password").doesNotContain(password);
		assertThat(shown.select("a#sql-console-link").attr("href")).isEqualTo("/sites/" + id + "/database/console");

		mvc.perform(post("/sites/" + id + "/database/reveal").with(as("gina")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(jsonPath("$.url").value(url))
			.andExpect(jsonPath("$.password").value(password));

		try (Connection connection = connect(database, password); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE notes (id int primary key, body varchar(40))");
			statement.execute("INSERT INTO notes VALUES (1, 'written by the site')");
			try (ResultSet rs = statement.executeQuery("SELECT body FROM notes")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("written by the site");
			}
		}
	}

	@Test
	void aTerminalInTheSiteGetsTheDatabaseOnceItIsReady() throws Exception {
		long id = ginasSite();
		User gina = users.findByUsername("gina").orElseThrow();
		assertThat(tokens.verify(grants.mint(sites.findById(id).orElseThrow(), gina, TerminalMode.SHELL, null, true))
			.database()).as("no database yet").isNull();

		createDatabase(id, EMBEDDED);

		TerminalGrant grant = tokens.verify(grants.mint(sites.findById(id).orElseThrow(), gina, TerminalMode.SHELL, null,
				true));
		JsonNode database = lastSpec(id).get("database");
		assertThat(grant.database()).as("the same database as the site's process").isNotNull();
		assertThat(grant.database().url()).isEqualTo("postgres://" + PREFIX + id + ":" + database.get("password").asText()
				+ "@127.0.0.1:" + database.get("port").asInt() + "/" + PREFIX + id);
	}

	@Test
	void aNewPasswordRefusesTheOldOneAndReachesTheSite() throws Exception {
		long id = ginasSite();
		createDatabase(id, MARIADB);
		JsonNode before = lastSpec(id).get("database");
		String old = before.get("password").asText();

		mvc.perform(post("/sites/" + id + "/database/regenerate").with(as("gina")).with(csrf()))
			.andExpect(redirectedUrl("/sites/" + id));
		awaitSucceeded(operations, id, OperationKind.REGENERATE_DATABASE_PASSWORD);

		JsonNode after = lastSpec(id).get("database");
		String fresh = after.get("password").asText();
		assertThat(fresh).matches("[A-Za-z0-9]{24}").isNotEqualTo(old);
		assertThatThrownBy(() -> connect(after, old).close()).isInstanceOf(SQLException.class);
		try (Connection connection = connect(after, fresh)) {
			assertThat(connection.isValid(5)).isTrue();
		}
		mvc.perform(post("/sites/" + id + "/database/reveal").with(as("gina")).with(csrf()))
			.andExpect(jsonPath("$.password").value(fresh));
	}

	@Test
	void deletingTheDatabaseNeedsTheSitesNameThenDropsItAndItsVariables() throws Exception {
		long id = ginasSite();
		createDatabase(id, EMBEDDED);
		JsonNode database = lastSpec(id).get("database");
		String password = database.get("password").asText();
		long operationsBefore = operationCount(id);

		Document refused = page(post("/sites/" + id + "/database/delete").param("confirm", "not-the-name")
			.with(as("gina")).with(csrf()), 400);
		assertThat(refused.select("#database-error").text()).contains("Type the site's name");
		assertThat(operationCount(id)).as("no operation started").isEqualTo(operationsBefore);
		assertThat(databaseStatus(id)).isEqualTo("READY");
		try (Connection connection = connect(database, password)) {
			assertThat(connection.isValid(5)).isTrue();
		}

		mvc.perform(post("/sites/" + id + "/database/delete").param("confirm", siteName(id)).with(as("gina"))
			.with(csrf())).andExpect(redirectedUrl("/sites/" + id));
		awaitSucceeded(operations, id, OperationKind.DELETE_DATABASE);

		assertThat(lastSpec(id).get("database").isNull()).as("the site's spec has no database").isTrue();
		assertThat(jdbc.sql("select count(*) from site_databases where site_id = ?").param(id).query(Long.class)
			.single()).isZero();
		assertThatThrownBy(() -> connect(database, password).close()).isInstanceOf(SQLException.class);
		assertThat(embeddedHas(PREFIX + id)).as("database or role left on the server").isFalse();
		Document after = page(get("/sites/" + id + "/database").with(as("gina")));
		assertThat(after.select("form#create-database")).hasSize(1);
	}

	@Test
	void deletingASiteDropsItsDatabaseAndASiteWithoutOneIsDeletedToo() throws Exception {
		long withDatabase = ginasSite();
		createDatabase(withDatabase, MARIADB);
		String name = PREFIX + withDatabase;
		assertThat(mariadbHas(name)).isTrue();
		long without = ginasSite();

		for (long id : List.of(withDatabase, without)) {
			mvc.perform(post("/sites/" + id + "/delete").param("confirm", siteName(id)).with(as("gina")).with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
		for (long id : List.of(withDatabase, without)) {
			until(operations, id, "the site to be deleted",
					() -> jdbc.sql("select count(*) from sites where id = ?").param(id).query(Long.class).single() == 0);
		}
		assertThat(mariadbHas(name)).as("database or user left on the server").isFalse();
	}

	@Test
	void anotherStudentCannotReachTheDatabaseItsPasswordOrTheConsole() throws Exception {
		long id = ginasSite();
		createDatabase(id, EMBEDDED);
		mvc.perform(get("/sites/" + id + "/database").with(as("hank"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/database/reveal").with(as("hank")).with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(content().string(not(containsString(PREFIX + id + ":"))));
		mvc.perform(get("/sites/" + id + "/database/console").with(as("hank"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/database/console").param("sql", "select 1").with(as("hank")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/database/regenerate").with(as("hank")).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/database/delete").param("confirm", siteName(id)).with(as("hank"))
			.with(csrf())).andExpect(status().isNotFound());
		long other = ginasSite();
		mvc.perform(post("/sites/" + other + "/database").param("hostId", hostId(EMBEDDED).toString()).with(as("hank"))
			.with(csrf())).andExpect(status().isNotFound());
		assertThat(databaseStatus(other)).isNull();
	}

	@Test
	void aDisabledSitesOwnerCannotCreateADatabase() throws Exception {
		long id = ginasSite();
		jdbc.sql("update sites set availability = 'DISABLED' where id = ?").param(id).update();
		mvc.perform(post("/sites/" + id + "/database").param("hostId", hostId(EMBEDDED).toString())
			.header(HttpHeaders.REFERER, "http://localhost/sites/" + id + "/database").with(as("gina")).with(csrf()))
			.andExpect(redirectedUrl("/sites/" + id + "/database"))
			.andExpect(flash().attribute("error", PortalErrors.DISABLED));
		assertThat(databaseStatus(id)).isNull();
	}

	@Test
	void aSecondDatabaseIsRefusedAndNothingChanges() throws Exception {
		long id = ginasSite();
		createDatabase(id, EMBEDDED);
		long operationsBefore = operationCount(id);
		Document refused = page(post("/sites/" + id + "/database").param("hostId", hostId(MARIADB).toString())
			.with(as("gina")).with(csrf()), 400);
		assertThat(refused.select("#database-error").text()).contains("already has a database");
		assertThat(operationCount(id)).isEqualTo(operationsBefore);
		assertThat(jdbc.sql("select host_id from site_databases where site_id = ?").param(id).query(Long.class)
			.single()).isEqualTo(hostId(EMBEDDED));
	}

	@Test
	void aSiteBusyWithAFailedOperationRefusesANewPasswordUntilItIsRetried() throws Exception {
		long id = ginasSite();
		COMPONENTS.orchestratorFailures.set(1);
		mvc.perform(post("/sites/" + id + "/database").param("hostId", hostId(EMBEDDED).toString()).with(as("gina"))
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
		assertThat(lastSpec(id).get("database").get("password").asText()).isEqualTo(password);
	}

	@Test
	void aBusySiteGetsNoDatabaseRecordWhenTheOperationCannotStart() throws Exception {
		long id = ginasSite();
		COMPONENTS.orchestratorFailures.set(1);
		mvc.perform(post("/sites/" + id + "/env").param("name", "GREETING").param("value", "hi").with(as("gina"))
			.with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(awaitFinished(operations, id, OperationKind.UPDATE_ENVIRONMENT).status()).isEqualTo(Status.FAILED);

		String back = "/sites/" + id + "/database";
		mvc.perform(post(back).param("hostId", hostId(EMBEDDED).toString())
			.header(HttpHeaders.REFERER, "http://localhost" + back).with(as("gina")).with(csrf()))
			.andExpect(redirectedUrl(back))
			.andExpect(flash().attribute("error", PortalErrors.LOCKED));
		assertThat(databaseStatus(id)).as("the record is rolled back with the operation").isNull();
		Document refused = page(get(back).flashAttr("error", PortalErrors.LOCKED).with(as("gina")));
		assertThat(refused.select("#flash-error").text()).isEqualTo(PortalErrors.LOCKED);
		assertThat(refused.select("form#create-database")).as("the form, to try again").hasSize(1);
	}

	@Test
	void aServerThatRefusesDirectorFailsTheOperationWithItsOwnMessage() throws Exception {
		String name = "Refusing " + randomLetters(5);
		mvc.perform(hostForm("/admin/database-hosts", name, "MYSQL", MYSQL_HOST, Integer.toString(MYSQL_PORT),
				MYSQL_ADMIN, "not-the-password")).andExpect(redirectedUrl("/admin/database-hosts"));
		long id = ginasSite();
		mvc.perform(post("/sites/" + id + "/database").param("hostId", hostId(name).toString()).with(as("gina"))
			.with(csrf())).andExpect(redirectedUrl("/sites/" + id));
		assertThat(awaitFinished(operations, id, OperationKind.CREATE_DATABASE).status()).isEqualTo(Status.FAILED);
		Operation failed = operations.latest(id).orElseThrow();
		assertThat(failed.failedAction().slug()).isEqualTo("create_database");
		assertThat(failed.failedAction().message()).containsIgnoringCase("denied");
		assertThat(page(get("/sites/" + id + "/database").with(as("gina"))).select("#database-status").text())
			.isEqualTo("Creating");
		assertThat(lastSpec(id).get("database").isNull()).as("the site is not given a database that does not exist")
			.isTrue();
	}

	@Test
	void withNoServerEnabledThePageSaysAnAdministratorMustAddOne() throws Exception {
		long id = ginasSite();
		List<Long> enabled = jdbc.sql("select id from database_hosts where enabled").query(Long.class).list();
		jdbc.sql("update database_hosts set enabled = false").update();
		try {
			Document none = page(get("/sites/" + id + "/database").with(as("gina")));
			assertThat(none.select("#no-database-hosts").text()).contains("administrator must add one");
			assertThat(none.select("form#create-database")).isEmpty();
		}
		finally {
			enabled.forEach(host -> jdbc.sql("update database_hosts set enabled = true where id = ?").param(host)
				.update());
		}
	}

	// --- the SQL console ---

	@Test
	void theConsoleShowsTablesTheRowCapTheTimeoutAndTheServersErrors() throws Exception {
		long id = ginasSite();
		createDatabase(id, EMBEDDED);

		Document created = console(id, "create table items (n int, label text); "
				+ "insert into items select g, case when g = 2 then null else 'item ' || g end from generate_series(1, 8) g;");
		assertThat(created.select("#sql-error")).isEmpty();
		assertThat(created.select(".sql-update-count").eachText()).contains("8 rows changed");
		assertThat(created.select("#sql-elapsed").text()).matches("Took \\d+ ms\\.");

		String query = "select n, label from items order by n";
		Document rows = console(id, query);
		assertThat(rows.select("textarea#sql").text()).isEqualTo(query);
		assertThat(rows.select("table.sql-result th").eachText()).containsExactly("n", "label");
		assertThat(rows.select("table.sql-result tbody tr")).hasSize(ROW_CAP);
		assertThat(rows.select("table.sql-result tbody tr").get(0).select("td").eachText())
			.containsExactly("1", "item 1");
		assertThat(rows.select("table.sql-result tbody tr").get(1).select("td .sql-null").text()).isEqualTo("NULL");
		assertThat(rows.select(".sql-truncated").text()).isEqualTo("Showing the first " + ROW_CAP + " rows.");

		Instant start = Instant.now();
		Document slow = console(id, "select pg_sleep(10)");
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));
		assertThat(slow.select("#sql-error").text()).containsIgnoringCase("statement timeout");

		Document wrong = console(id, "select * from no_such_table");
		assertThat(wrong.select("#sql-error").text()).contains("no_such_table");
		assertThat(wrong.select("table.sql-result")).isEmpty();
	}

	@Test
	void theConsoleRunsOnMariadbAsTheSitesUser() throws Exception {
		long id = ginasSite();
		createDatabase(id, MARIADB);
		Document result = console(id, "select current_user() as who, database() as db");
		assertThat(result.select("#sql-error")).isEmpty();
		assertThat(result.select("table.sql-result th").eachText()).containsExactly("who", "db");
		assertThat(result.select("table.sql-result td").eachText().get(0)).startsWith(PREFIX + id + "@");
		assertThat(result.select("table.sql-result td").eachText().get(1)).isEqualTo(PREFIX + id);

		Document wrong = console(id, "select * from mysql.user");
		assertThat(wrong.select("#sql-error").text()).containsIgnoringCase("denied");
	}

	@Test
	void theConsoleWaitsForTheDatabase() throws Exception {
		long id = ginasSite();
		Document none = page(get("/sites/" + id + "/database/console").with(as("gina")));
		assertThat(none.select("#sql-unavailable").text()).contains("no database");
		assertThat(none.select("form#sql-console")).isEmpty();
	}

	// --- administrators' pages ---

	@Test
	void anAdministratorAddsAServerAfterTestingTheConnection() throws Exception {
		String name = "Spare " + randomLetters(5);
		Document tested = page(hostForm("/admin/database-hosts/test", name, "MYSQL", MYSQL_HOST,
				Integer.toString(MYSQL_PORT), MYSQL_ADMIN, MYSQL_ADMIN_PASSWORD));
		assertThat(tested.select("#connection-result.alert-success").text()).startsWith("Connected: ")
			.containsIgnoringCase("MariaDB");
		assertThat(tested.html()).as("the typed password is not sent back").doesNotContain(MYSQL_ADMIN_PASSWORD);

		Document refused = page(hostForm("/admin/database-hosts/test", name, "MYSQL", MYSQL_HOST,
				Integer.toString(MYSQL_PORT), MYSQL_ADMIN, "wrong-password"));
		assertThat(refused.select("#connection-result.alert-danger").text()).containsIgnoringCase("denied");
		assertThat(hostId(name)).as("testing stores nothing").isNull();

		mvc.perform(hostForm("/admin/database-hosts", name, "MYSQL", MYSQL_HOST, Integer.toString(MYSQL_PORT),
				MYSQL_ADMIN, MYSQL_ADMIN_PASSWORD)).andExpect(redirectedUrl("/admin/database-hosts"));
		Long id = hostId(name);
		assertThat(id).isNotNull();
		String stored = jdbc.sql("select admin_password from database_hosts where id = ?").param(id)
			.query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain(MYSQL_ADMIN_PASSWORD);

		Document list = page(get("/admin/database-hosts").with(admin()));
		assertThat(list.select("table#database-hosts a").eachText()).contains(name, EMBEDDED, MARIADB);
		assertThat(list.select("#database-host-" + hostId(EMBEDDED) + " .database-host-embedded")).hasSize(1);

		// A blank password on an existing server tests (and keeps) the stored one.
		Document retested = page(hostForm("/admin/database-hosts/test", name, "MYSQL", MYSQL_HOST,
				Integer.toString(MYSQL_PORT), MYSQL_ADMIN, "").param("id", id.toString()));
		assertThat(retested.select("#connection-result.alert-success")).hasSize(1);
		// ...but never sends it to another address.
		Document elsewhere = page(hostForm("/admin/database-hosts/test", name, "MYSQL", "elsewhere.example",
				Integer.toString(MYSQL_PORT), MYSQL_ADMIN, "").param("id", id.toString()));
		assertThat(elsewhere.select("#adminPassword-error").text()).contains("Type the admin password again");
		assertThat(elsewhere.select("#connection-result")).isEmpty();
		mvc.perform(hostForm("/admin/database-hosts/" + id, name + " 2", "MYSQL", MYSQL_HOST,
				Integer.toString(MYSQL_PORT), MYSQL_ADMIN, "")).andExpect(redirectedUrl("/admin/database-hosts"));
		assertThat(hosts.findById(id).orElseThrow().adminPassword()).as("the stored password is kept")
			.isEqualTo(MYSQL_ADMIN_PASSWORD);

		String edit = mvc.perform(get("/admin/database-hosts/" + id).with(admin())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(edit).as("the stored password is never sent to the browser").doesNotContain(MYSQL_ADMIN_PASSWORD);
		Document editPage = Jsoup.parse(edit);
		assertThat(editPage.select("form#database-host-form #name").val()).isEqualTo(name + " 2");
		assertThat(editPage.select("#adminPassword").val()).isEmpty();
		assertThat(editPage.select("form#delete-database-host")).hasSize(1);
		assertThat(page(get("/admin/database-hosts/" + hostId(EMBEDDED)).with(admin()))
			.select("form#delete-database-host")).as("the embedded server offers no delete").isEmpty();
		assertThat(page(get("/admin/database-hosts/new").with(admin())).select("form#database-host-form select#engine option")
			.eachAttr("value")).containsExactly("POSTGRESQL", "MYSQL");

		mvc.perform(post("/admin/database-hosts/" + id + "/delete").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/database-hosts"));
		assertThat(hostId(name + " 2")).isNull();
	}

	@Test
	void badServerInputIsRejectedFieldByFieldAndNothingIsSaved() throws Exception {
		long before = hostCount();
		Document rejected = page(hostForm("/admin/database-hosts", "bad<name>", "ORACLE", "bad host;", "70000",
				"root; drop", "line\nbreak").param("sitesHost", "-x-").param("sitesPort", "0"));
		assertThat(rejected.select("#name-error").text()).isNotBlank();
		assertThat(rejected.select("#engine-error").text()).isNotBlank();
		assertThat(rejected.select("#adminHost-error").text()).isNotBlank();
		assertThat(rejected.select("#adminPort-error").text()).isNotBlank();
		assertThat(rejected.select("#adminUsername-error").text()).isNotBlank();
		assertThat(rejected.select("#adminPassword-error").text()).isNotBlank();
		assertThat(rejected.select("#sitesHost-error").text()).isNotBlank();
		assertThat(rejected.select("#sitesPort-error").text()).isNotBlank();
		assertThat(hostCount()).isEqualTo(before);

		Document duplicate = page(hostForm("/admin/database-hosts", MARIADB, "MYSQL", MYSQL_HOST, "3306", "root", ""));
		assertThat(duplicate.select("#name-error").text()).contains("name");
		assertThat(hostCount()).isEqualTo(before);
	}

	@Test
	void studentsCannotReachTheAdminPages() throws Exception {
		mvc.perform(get("/admin/database-hosts").with(as("gina"))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/database-hosts/new").with(as("gina"))).andExpect(status().isForbidden());
		mvc.perform(hostForm("/admin/database-hosts", "Mine", "MYSQL", MYSQL_HOST, "3306", "root", "")
			.with(as("gina"))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/database-hosts/" + hostId(MARIADB) + "/delete").with(as("gina")).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(hostId("Mine")).isNull();
		assertThat(hostId(MARIADB)).isNotNull();
	}

	@Test
	void aDisabledServerIsNotOfferedAndServersInUseOrEmbeddedAreNotDeleted() throws Exception {
		String name = "Disabled " + randomLetters(5);
		mvc.perform(hostForm("/admin/database-hosts", name, "MYSQL", MYSQL_HOST, Integer.toString(MYSQL_PORT),
				MYSQL_ADMIN, MYSQL_ADMIN_PASSWORD, false))
			.andExpect(redirectedUrl("/admin/database-hosts"));
		Long disabled = hostId(name);
		long id = ginasSite();
		Document offered = page(get("/sites/" + id + "/database").with(as("gina")));
		assertThat(offered.select("#database-host option").eachAttr("value")).doesNotContain(disabled.toString())
			.contains(hostId(MARIADB).toString());
		Document refused = page(post("/sites/" + id + "/database").param("hostId", disabled.toString())
			.with(as("gina")).with(csrf()), 400);
		assertThat(refused.select("#database-error").text()).contains("no longer takes new databases");
		assertThat(databaseStatus(id)).isNull();

		createDatabase(id, MARIADB);
		mvc.perform(post("/admin/database-hosts/" + hostId(MARIADB) + "/delete").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/database-hosts/" + hostId(MARIADB)));
		assertThat(hostId(MARIADB)).isNotNull();
		mvc.perform(post("/admin/database-hosts/" + hostId(EMBEDDED) + "/delete").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/database-hosts/" + hostId(EMBEDDED)));
		assertThat(hostId(EMBEDDED)).isNotNull();
	}

	// --- helpers ---

	private static RequestPostProcessor admin() {
		return SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");
	}

	private static MockHttpServletRequestBuilder hostForm(String path, String name, String engine, String host,
			String port, String username, String password) {
		return hostForm(path, name, engine, host, port, username, password, true);
	}

	/** The server form as a browser sends it: an unticked box sends only Spring's "_enabled" marker. */
	private static MockHttpServletRequestBuilder hostForm(String path, String name, String engine, String host,
			String port, String username, String password, boolean enabled) {
		MockHttpServletRequestBuilder form = post(path).param("name", name).param("engine", engine).param("adminHost", host).param("adminPort", port)
			.param("adminUsername", username).param("adminPassword", password).param("sitesHost", host)
			.param("sitesPort", port).param("_enabled", "on").with(admin()).with(csrf());
		return enabled ? form.param("enabled", "true") : form;
	}

	/** A new dynamic site of gina's whose creation has finished. */
	private long ginasSite() throws Exception {
		long id = SiteForms.create(mvc, "gina", "gina-db-" + SITES.incrementAndGet() + "-" + randomLetters(4),
				"DYNAMIC", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	/** Creates the site's database on the named server through the page and waits for it. */
	private void createDatabase(long id, String hostName) throws Exception {
		mvc.perform(post("/sites/" + id + "/database").param("hostId", hostId(hostName).toString()).with(as("gina"))
			.with(csrf())).andExpect(redirectedUrl("/sites/" + id));
		Operation operation = awaitSucceeded(operations, id, OperationKind.CREATE_DATABASE);
		assertThat(operation.actions()).extracting(action -> action.slug())
			.containsExactly("create_database", "apply_appserver");
	}

	private Document console(long id, String sql) throws Exception {
		return page(post("/sites/" + id + "/database/console").param("sql", sql).with(as("gina")).with(csrf()));
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		return page(request, 200);
	}

	private Document page(MockHttpServletRequestBuilder request, int expected) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().is(expected)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	/** The last spec the orchestrator stand-in was sent for the site. */
	private JsonNode lastSpec(long id) throws IOException {
		String prefix = "PUT /sites/" + id + " ";
		String last = null;
		for (String call : COMPONENTS.calls) {
			if (call.startsWith(prefix)) {
				last = call;
			}
		}
		assertThat(last).as("a spec was sent for site " + id).isNotNull();
		ObjectNode spec = (ObjectNode) JSON.readTree(last.substring(prefix.length()));
		// A spec without a database may leave the field out or send null: both read as null here.
		if (!spec.has("database")) {
			spec.set("database", NullNode.getInstance());
		}
		return spec;
	}

	/** Connects as the site's database user with the given password, where the site's spec says. */
	private static Connection connect(JsonNode database, String password) throws SQLException {
		String engine = database.get("engine").asText();
		String url = (engine.equals("MYSQL") ? "jdbc:mariadb://" : "jdbc:postgresql://") + database.get("host").asText()
				+ ":" + database.get("port").asInt() + "/" + database.get("name").asText();
		return DriverManager.getConnection(url, database.get("username").asText(), password);
	}

	private Long hostId(String name) {
		return jdbc.sql("select id from database_hosts where name = ?").param(name).query(Long.class).optional()
			.orElse(null);
	}

	private long hostCount() {
		return jdbc.sql("select count(*) from database_hosts").query(Long.class).single();
	}

	private String databaseStatus(long siteId) {
		return jdbc.sql("select status from site_databases where site_id = ?").param(siteId).query(String.class)
			.optional().orElse(null);
	}

	private String storedPassword(long siteId) {
		return jdbc.sql("select password from site_databases where site_id = ?").param(siteId).query(String.class)
			.optional().map(secrets::decrypt).orElse(null);
	}

	private long operationCount(long siteId) {
		return jdbc.sql("select count(*) from operations where site_id = ?").param(siteId).query(Long.class).single();
	}

	private String siteName(long siteId) {
		return jdbc.sql("select name from sites where id = ?").param(siteId).query(String.class).single();
	}

	/** Whether the embedded sites' PostgreSQL still has the database or the role. */
	private boolean embeddedHas(String name) throws SQLException {
		DatabaseHost embedded = hosts.findEmbedded().orElseThrow();
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + EMBEDDED_PORT
				+ "/postgres", embedded.adminUsername(), embedded.adminPassword()); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select (select count(*) from pg_database where datname = '" + name
						+ "') + (select count(*) from pg_roles where rolname = '" + name + "')")) {
			rs.next();
			return rs.getLong(1) > 0;
		}
	}

	/** Whether this machine's MariaDB still has the database or the user. */
	private static boolean mariadbHas(String name) throws SQLException {
		try (Connection root = mysqlRoot(); Statement statement = root.createStatement();
				ResultSet rs = statement.executeQuery("select (select count(*) from information_schema.schemata "
						+ "where schema_name = '" + name + "') + (select count(*) from mysql.user where user = '" + name
						+ "')")) {
			rs.next();
			return rs.getLong(1) > 0;
		}
	}

	private static Connection mysqlRoot() throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://" + MYSQL_HOST + ":" + MYSQL_PORT + "/", MYSQL_ROOT,
				MYSQL_ROOT_PASSWORD);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isEmpty() ? fallback : value;
	}

	private static String randomLetters(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append((char) ('a' + RANDOM.nextInt(26)));
		}
		return text.toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
