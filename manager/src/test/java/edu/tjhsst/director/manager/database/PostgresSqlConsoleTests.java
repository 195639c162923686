package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edu.tjhsst.director.common.testing.SlowTest;

/** The SQL console on the embedded PostgreSQL 17 for sites. */
@SlowTest
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

	@Test
	void theServersFilesAndProgramsAreOutOfReach() throws IOException {
		Path file = secretFile();
		Path out = hostFiles.resolve("out");
		console.run(host, database, "create table loot (line text)");

		Map<String, String> attacks = Map.of(
				"copy loot from program 'cat " + file + "'", "permission denied to COPY to or from an external program",
				"copy loot from '" + file + "'", "permission denied to COPY from a file",
				"copy loot to '" + out + "'", "permission denied to COPY to a file",
				"select pg_read_file('" + file + "')", "permission denied for function pg_read_file",
				"select pg_read_binary_file('" + file + "')", "permission denied for function pg_read_binary_file",
				"select pg_ls_dir('.')", "permission denied for function pg_ls_dir",
				"select pg_stat_file('" + file + "')", "permission denied for function pg_stat_file",
				"select lo_import('" + file + "')", "permission denied for function lo_import",
				"select lo_export(0, '" + out + "')", "permission denied for function lo_export");
		attacks.forEach(this::assertRefused);
		assertThat(rows("select * from loot")).isEmpty();
		assertThat(out).doesNotExist();
	}

	@Test
	void copyFromTheClientIsRefusedRatherThanMappedToAFile() {
		console.run(host, database, "create table loot (line text)");

		assertRefused("copy loot from stdin", "COPY");
		assertThat(rows("select * from loot")).isEmpty();
	}

	@Test
	void theSitesRoleIsNoSuperuserNorInAnyRoleOfTheServersFiles() {
		assertThat(rows("select rolsuper::text from pg_roles where rolname = current_user"))
			.containsExactly(List.of("false"));
		assertThat(rows("select count(*) from pg_auth_members where member = (select oid from pg_roles"
				+ " where rolname = current_user)")).containsExactly(List.of("0"));
		assertThat(rows("select pg_has_role(current_user, 'pg_read_server_files', 'usage')::text,"
				+ " pg_has_role(current_user, 'pg_write_server_files', 'usage')::text,"
				+ " pg_has_role(current_user, 'pg_execute_server_program', 'usage')::text"))
			.containsExactly(List.of("false", "false", "false"));
	}

}
