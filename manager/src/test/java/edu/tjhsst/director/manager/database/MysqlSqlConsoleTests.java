package edu.tjhsst.director.manager.database;

import java.util.List;

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

}
