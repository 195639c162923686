package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.SiteDatabaseServers.EMBEDDED;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MARIADB;
import static edu.tjhsst.director.manager.SiteDatabaseServers.ROW_CAP;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;

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

import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * The SQL console of a site's database, as its owner uses it: results with their row cap, the timeout and the
 * servers' own errors, on the embedded sites' PostgreSQL and as the site's user on this machine's MariaDB.
 */
@SpringBootTest
@AutoConfigureMockMvc
@SlowTest
class SqlConsoleIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SqlConsoleIntegrationTests.class);

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

	private DatabasePages pages;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		SERVERS.register(registry);
	}

	@BeforeEach
	void accounts() throws Exception {
		TestAccounts.students(users, "gina");
		pages = new DatabasePages(mvc, jdbc, operations, COMPONENTS);
		pages.registerMariadb(SERVERS);
	}

	@Test
	void theConsoleShowsTablesTheRowCapTheTimeoutAndTheServersErrors() throws Exception {
		long id = pages.ginasSite();
		pages.createDatabase(id, EMBEDDED);

		Document created = pages.console(id, "create table items (n int, label text); "
				+ "insert into items select g, case when g = 2 then null else 'item ' || g end from generate_series(1, 8) g;");
		assertThat(created.select("#sql-error")).isEmpty();
		assertThat(created.select(".sql-update-count").eachText()).contains("8 rows changed");
		assertThat(created.select("#sql-elapsed").text()).matches("Took \\d+ ms\\.");

		String query = "select n, label from items order by n";
		Document rows = pages.console(id, query);
		assertThat(rows.select("textarea#sql").text()).isEqualTo(query);
		assertThat(rows.select("table.sql-result th").eachText()).containsExactly("n", "label");
		assertThat(rows.select("table.sql-result tbody tr")).hasSize(ROW_CAP);
		assertThat(rows.select("table.sql-result tbody tr").get(0).select("td").eachText())
			.containsExactly("1", "item 1");
		assertThat(rows.select("table.sql-result tbody tr").get(1).select("td .sql-null").text()).isEqualTo("NULL");
		assertThat(rows.select(".sql-truncated").text()).isEqualTo("Showing the first " + ROW_CAP + " rows.");

		Instant start = Instant.now();
		Document slow = pages.console(id, "select pg_sleep(10)");
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(8));
		assertThat(slow.select("#sql-error").text()).containsIgnoringCase("statement timeout");

		Document wrong = pages.console(id, "select * from no_such_table");
		assertThat(wrong.select("#sql-error").text()).contains("no_such_table");
		assertThat(wrong.select("table.sql-result")).isEmpty();
	}

	@Test
	void theConsoleRunsOnMariadbAsTheSitesUser() throws Exception {
		long id = pages.ginasSite();
		pages.createDatabase(id, MARIADB);
		Document result = pages.console(id, "select current_user() as who, database() as db");
		assertThat(result.select("#sql-error")).isEmpty();
		assertThat(result.select("table.sql-result th").eachText()).containsExactly("who", "db");
		assertThat(result.select("table.sql-result td").eachText().get(0)).startsWith(SERVERS.prefix() + id + "@");
		assertThat(result.select("table.sql-result td").eachText().get(1)).isEqualTo(SERVERS.prefix() + id);

		Document wrong = pages.console(id, "select * from mysql.user");
		assertThat(wrong.select("#sql-error").text()).containsIgnoringCase("denied");
	}

	@Test
	void theConsoleWaitsForTheDatabase() throws Exception {
		long id = pages.ginasSite();
		Document none = pages.page(get("/sites/" + id + "/database/console").with(as("gina")));
		assertThat(none.select("#sql-unavailable").text()).contains("no database");
		assertThat(none.select("form#sql-console")).isEmpty();
	}

}
