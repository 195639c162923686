package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The SQL console on the machine's MariaDB (or the server DIRECTOR_TEST_MYSQL_* name). */
class MysqlSqlConsoleTests extends SqlConsoleTests {

	@Override
	DatabaseHost host() {
		return TestDatabases.mysqlHost();
	}

	@Override
	DatabaseAdmin admin() {
		return new MysqlAdmin();
	}

	@Override
	String currentUser() {
		return "select current_user()";
	}

	@Override
	String expectedCurrentUser(String username) {
		return username + "@%";
	}

	@Override
	String sleepAMinute() {
		return "select sleep(60)";
	}

	@Override
	List<String> adminStatements() {
		return List.of("create database " + names.forSite(999_999), "select * from mysql.user",
				"grant all privileges on *.* to current_user()");
	}

	@Override
	String syntaxErrorMessage() {
		return "You have an error in your SQL syntax";
	}

	@Override
	String longTextAndBytes() {
		return "select repeat('a', 5000), unhex('CAFE')";
	}

	@Test
	void loadDataLocalInfileCannotReadTheManagersFiles() throws IOException {
		Path file = secretFile();
		console.run(host, database, "create table loot (line text)");

		assertRefused("load data local infile '" + file + "' into table loot", "Local infile is disabled");
		assertRefused("load xml local infile '" + file + "' into table loot", "Local infile is disabled");
		assertThat(rows("select * from loot")).isEmpty();
	}

	@Test
	void theSitesUserHasNoFilePrivilegeToReadOrWriteTheServersFiles() throws IOException {
		Path file = secretFile();
		Path out = hostFiles.resolve("out");
		console.run(host, database, "create table loot (line text)");

		assertRefused("load data infile '" + file + "' into table loot", "Access denied");
		assertRefused("select 'written' into outfile '" + out + "'", "Access denied");
		assertRefused("select 'written' into dumpfile '" + out + "'", "Access denied");
		assertThat(rows("select load_file('" + file + "')")).containsExactly(Arrays.asList((String) null));
		assertThat(rows("select * from loot")).isEmpty();
		assertThat(out).doesNotExist();
	}

}
