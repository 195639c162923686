package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.DatabasePages.admin;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.OperationWaits.until;
import static edu.tjhsst.director.manager.SiteDatabaseServers.EMBEDDED;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MARIADB;
import static edu.tjhsst.director.manager.SiteDatabaseServers.connect;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
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

import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.manager.database.DatabaseHostRepository;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.terminal.TerminalGrants;
import edu.tjhsst.director.manager.user.User;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * A site's database through its owner's pages, on the embedded sites' PostgreSQL and on this machine's MariaDB
 * registered through the admin form: creating one, what the site's spec and a terminal in the site get, a new
 * password, and deleting it (or the site).
 */
@SpringBootTest
@AutoConfigureMockMvc
@SlowTest
class SiteDatabaseIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SiteDatabaseIntegrationTests.class);

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
	DatabaseHostRepository hosts;

	@Autowired
	TerminalGrants grants;

	@Autowired
	TerminalTokens tokens;

	@Autowired
	SiteRepository sites;

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

	@Test
	void aStudentCreatesADatabaseOnThePostgresqlAndTheSiteGetsItsAddress() throws Exception {
		createdAndUsable(EMBEDDED, "postgres");
	}

	@Test
	void aStudentCreatesADatabaseOnTheMariadbAndTheSiteGetsItsAddress() throws Exception {
		createdAndUsable(MARIADB, "mysql");
	}

	private void createdAndUsable(String hostName, String scheme) throws Exception {
		long id = pages.ginasSite();
		Document before = pages.page(get("/sites/" + id + "/database").with(as("gina")));
		assertThat(before.select("#database-host option").eachText())
			.contains(hostName + (scheme.equals("mysql") ? " (MySQL / MariaDB)" : " (PostgreSQL)"));
		assertThat(pages.page(get("/sites/" + id).with(as("gina"))).select("a#database-link").attr("href"))
			.isEqualTo("/sites/" + id + "/database");

		pages.createDatabase(id, hostName);

		String name = SERVERS.prefix() + id;
		JsonNode database = pages.lastSpec(id).get("database");
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
		long id = pages.ginasSite();
		User gina = users.findByUsername("gina").orElseThrow();
		assertThat(tokens.verify(grants.mint(sites.findById(id).orElseThrow(), gina, TerminalMode.SHELL, null, true))
			.database()).as("no database yet").isNull();

		pages.createDatabase(id, EMBEDDED);

		TerminalGrant grant = tokens.verify(grants.mint(sites.findById(id).orElseThrow(), gina, TerminalMode.SHELL, null,
				true));
		JsonNode database = pages.lastSpec(id).get("database");
		assertThat(grant.database()).as("the same database as the site's process").isNotNull();
		String name = SERVERS.prefix() + id;
		assertThat(grant.database().url()).isEqualTo("postgres://" + name + ":" + database.get("password").asText()
				+ "@127.0.0.1:" + database.get("port").asInt() + "/" + name);
	}

	@Test
	void aNewPasswordRefusesTheOldOneAndReachesTheSite() throws Exception {
		long id = pages.ginasSite();
		pages.createDatabase(id, MARIADB);
		JsonNode before = pages.lastSpec(id).get("database");
		String old = before.get("password").asText();

		mvc.perform(post("/sites/" + id + "/database/regenerate").with(as("gina")).with(csrf()))
			.andExpect(redirectedUrl("/sites/" + id));
		awaitSucceeded(operations, id, OperationKind.REGENERATE_DATABASE_PASSWORD);

		JsonNode after = pages.lastSpec(id).get("database");
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
		long id = pages.ginasSite();
		pages.createDatabase(id, EMBEDDED);
		JsonNode database = pages.lastSpec(id).get("database");
		String password = database.get("password").asText();
		long operationsBefore = pages.operationCount(id);

		Document refused = pages.page(post("/sites/" + id + "/database/delete").param("confirm", "not-the-name")
			.with(as("gina")).with(csrf()), 400);
		assertThat(refused.select("#database-error").text()).contains("Type the site's name");
		assertThat(pages.operationCount(id)).as("no operation started").isEqualTo(operationsBefore);
		assertThat(pages.databaseStatus(id)).isEqualTo("READY");
		try (Connection connection = connect(database, password)) {
			assertThat(connection.isValid(5)).isTrue();
		}

		mvc.perform(post("/sites/" + id + "/database/delete").param("confirm", pages.siteName(id)).with(as("gina"))
			.with(csrf())).andExpect(redirectedUrl("/sites/" + id));
		awaitSucceeded(operations, id, OperationKind.DELETE_DATABASE);

		assertThat(pages.lastSpec(id).get("database").isNull()).as("the site's spec has no database").isTrue();
		assertThat(jdbc.sql("select count(*) from site_databases where site_id = ?").param(id).query(Long.class)
			.single()).isZero();
		assertThatThrownBy(() -> connect(database, password).close()).isInstanceOf(SQLException.class);
		assertThat(SERVERS.embeddedHas(hosts.findEmbedded().orElseThrow(), SERVERS.prefix() + id))
			.as("database or role left on the server").isFalse();
		Document after = pages.page(get("/sites/" + id + "/database").with(as("gina")));
		assertThat(after.select("form#create-database")).hasSize(1);
	}

	@Test
	void deletingASiteDropsItsDatabaseAndASiteWithoutOneIsDeletedToo() throws Exception {
		long withDatabase = pages.ginasSite();
		pages.createDatabase(withDatabase, MARIADB);
		String name = SERVERS.prefix() + withDatabase;
		assertThat(SERVERS.mariadbHas(name)).isTrue();
		long without = pages.ginasSite();

		for (long id : List.of(withDatabase, without)) {
			mvc.perform(post("/sites/" + id + "/delete").param("confirm", pages.siteName(id)).with(as("gina")).with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
		for (long id : List.of(withDatabase, without)) {
			until(operations, id, "the site to be deleted",
					() -> jdbc.sql("select count(*) from sites where id = ?").param(id).query(Long.class).single() == 0);
		}
		assertThat(SERVERS.mariadbHas(name)).as("database or user left on the server").isFalse();
	}

}
