package edu.tjhsst.director.orchestrator.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DatabaseEngine;

class DatabaseDumpsTests {

	private static final String PASSWORD = "Secret0123456789abcd";

	@Test
	void postgresqlIsDumpedByPgDump17WithoutOwnersAndThePasswordOnlyInItsVariable() {
		DatabaseAccess access = new DatabaseAccess(DatabaseEngine.POSTGRESQL, "10.0.0.1", 5433, "site_7", "site_7",
				PASSWORD);

		assertThat(DatabaseDumps.command(access)).containsExactly("/usr/lib/postgresql/17/bin/pg_dump", "--no-owner",
				"--no-privileges", "--lock-wait-timeout=60s", "--host=10.0.0.1", "--port=5433", "--username=site_7",
				"--dbname=site_7");
		assertThat(DatabaseDumps.environment(access)).contains("PGPASSWORD=" + PASSWORD);
	}

	@Test
	void mysqlIsDumpedInOneTransactionWithoutLocksAndThePasswordOnlyInItsVariable() {
		DatabaseAccess access = new DatabaseAccess(DatabaseEngine.MYSQL, "db.example.org", 3306, "site_7", "site_7",
				PASSWORD);

		assertThat(DatabaseDumps.command(access)).containsExactly("mariadb-dump", "--single-transaction",
				"--skip-lock-tables", "--no-tablespaces", "--skip-ssl", "--host=db.example.org", "--port=3306",
				"--user=site_7", "site_7").noneMatch(argument -> argument.contains(PASSWORD));
		assertThat(DatabaseDumps.environment(access)).contains("MYSQL_PWD=" + PASSWORD);
	}

}
