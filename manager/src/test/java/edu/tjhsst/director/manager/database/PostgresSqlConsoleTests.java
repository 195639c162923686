package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL console on the embedded PostgreSQL 17 for sites. */
class PostgresSqlConsoleTests extends SqlConsoleTests {

	@TempDir
	static Path data;

	static EmbeddedSiteDatabaseServer server;

	@BeforeAll
	static void startServer() {
		server = new EmbeddedSiteDatabaseServer(TestDatabases.properties(data, TestDatabases.freePort(), "", "127.0.0.1",
				TIMEOUT_SECONDS, ROW_CAP));
		server.start();
	}

	@AfterAll
	static void stopServer() throws IOException {
		if (server != null) {
			server.close();
		}
	}

	@Override
	DatabaseHost host() {
		return TestDatabases.postgresHost(server);
	}

	@Override
	DatabaseAdmin admin() {
		return new PostgresAdmin();
	}

	@Override
	String currentUser() {
		return "select current_user";
	}

	@Override
	String expectedCurrentUser(String username) {
		return username;
	}

	@Override
	String sleepAMinute() {
		return "select pg_sleep(60)";
	}

	@Override
	List<String> adminStatements() {
		return List.of("set role postgres", "create database " + names.forSite(999_999), "select * from pg_authid",
				"alter role " + database.username() + " superuser");
	}

	@Override
	String syntaxErrorMessage() {
		return "syntax error at or near \"selec\"";
	}

	@Override
	String longTextAndBytes() {
		return "select repeat('a', 5000), decode('cafe', 'hex')";
	}

	@Test
	void semicolonsInsideQuotesAndFunctionBodiesDoNotSplitStatements() {
		var result = console.run(host, database, "create function twice(n int) returns int language plpgsql as $$"
				+ " begin return n * 2; end $$; select twice(21) as answer, 'a;b' as text -- not; split\n;");

		assertThat(result.error()).isNull();
		assertThat(result.blocks()).hasSize(2);
		assertThat(result.blocks().get(1).rows()).containsExactly(List.of("42", "a;b"));
	}

	@Test
	void theConsoleCannotLeaveTheSitesDatabase() {
		assertThat(console.run(host, database, "\\connect postgres").error()).isNotBlank();
		assertThat(console.run(host, database, "select datname from pg_database where datname = current_database()")
			.blocks().get(0).rows()).containsExactly(List.of(database.name()));
	}

}
