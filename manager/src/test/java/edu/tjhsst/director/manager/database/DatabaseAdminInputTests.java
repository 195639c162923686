package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.DatabaseEngine;

/**
 * Names and passwords that are not Director's own are refused before anything reaches a server: the hosts here
 * point at a port where nothing listens, so reaching it would fail with another message.
 */
class DatabaseAdminInputTests {

	static final List<String> BAD_NAMES = List.of("", "Site_1", "1site", "site-1", "site\"1", "site`1", "site'1",
			"site_1; drop database x", "a".repeat(64), "sité");

	static final List<String> BAD_PASSWORDS = List.of("", "short1", "withquote'abcdefghijklmn", "with space abcdefghijk",
			"back\\slashabcdefghijklmn", "a".repeat(65));

	final DatabaseHost postgres = unreachable(DatabaseEngine.POSTGRESQL);

	final DatabaseHost mysql = unreachable(DatabaseEngine.MYSQL);

	final String good = "Ab3dEf6hIj9kLm2oPq5sTu8w";

	@Test
	void badNamesAreRefusedByBothAdminsBeforeConnecting() {
		for (DatabaseAdmin admin : List.of(new PostgresAdmin(), new MysqlAdmin())) {
			DatabaseHost host = admin.engine() == DatabaseEngine.POSTGRESQL ? postgres : mysql;
			for (String bad : BAD_NAMES) {
				assertThatThrownBy(() -> admin.ensureDatabase(host, bad, "site_1", good)).as(bad)
					.isInstanceOf(DatabaseException.class).hasMessageContaining("is not a name Director makes");
				assertThatThrownBy(() -> admin.ensureDatabase(host, "site_1", bad, good)).as(bad)
					.hasMessageContaining("is not a name Director makes");
				assertThatThrownBy(() -> admin.setPassword(host, bad, good)).as(bad)
					.hasMessageContaining("is not a name Director makes");
				assertThatThrownBy(() -> admin.dropDatabase(host, bad, "site_1")).as(bad)
					.hasMessageContaining("is not a name Director makes");
				assertThatThrownBy(() -> admin.exists(host, "site_1", bad)).as(bad)
					.hasMessageContaining("is not a name Director makes");
			}
		}
	}

	@Test
	void badPasswordsAreRefusedByBothAdminsBeforeConnectingAndNeverRepeated() {
		for (DatabaseAdmin admin : List.of(new PostgresAdmin(), new MysqlAdmin())) {
			DatabaseHost host = admin.engine() == DatabaseEngine.POSTGRESQL ? postgres : mysql;
			for (String bad : BAD_PASSWORDS) {
				assertThatThrownBy(() -> admin.ensureDatabase(host, "site_1", "site_1", bad)).as(bad)
					.isInstanceOf(DatabaseException.class)
					.hasMessage("The password must be 16 to 64 letters and digits.");
				assertThatThrownBy(() -> admin.setPassword(host, "site_1", bad)).as(bad)
					.hasMessage("The password must be 16 to 64 letters and digits.");
			}
		}
	}

	@Test
	void aGoodRequestDoesReachTheServer() {
		// The counterpart of the tests above: with good input the failure is the unreachable server's.
		assertThatThrownBy(() -> new PostgresAdmin().ensureDatabase(postgres, "site_1", "site_1", good))
			.isInstanceOf(DatabaseException.class).hasMessageNotContaining("Director makes");
		assertThatThrownBy(() -> new MysqlAdmin().ensureDatabase(mysql, "site_1", "site_1", good))
			.isInstanceOf(DatabaseException.class).hasMessageNotContaining("Director makes");
	}

	private static DatabaseHost unreachable(DatabaseEngine engine) {
		int port = TestDatabases.freePort();
		return new DatabaseHost(9, "nowhere", engine, "127.0.0.1", port, "admin", "x", "127.0.0.1", port, false, true);
	}

	@Test
	void aServersMessageReachesPeopleWithoutTheDriversConnectionNumber() {
		assertThat(Jdbc.message(new SQLException("(conn=946) Access denied for user 'nobody'@'127.0.0.1'")))
			.isEqualTo("Access denied for user 'nobody'@'127.0.0.1'");
		assertThat(Jdbc.message(new SQLException("ERROR: relation \"nope\" does not exist")))
			.isEqualTo("ERROR: relation \"nope\" does not exist");
		assertThat(Jdbc.message(new SQLException())).isEqualTo("SQLException");
	}

}
