package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sites' databases and users on the machine's MariaDB (or the server DIRECTOR_TEST_MYSQL_* name): made, used, given
 * new passwords, dropped, and kept apart from each other.
 */
class MysqlAdminTests {

	static final DatabaseNames names = new DatabaseNames(TestDatabases.runPrefix());

	static long nextSite = 1;

	final DatabaseHost host = TestDatabases.mysqlHost();

	final MysqlAdmin admin = new MysqlAdmin();

	final List<String> made = new ArrayList<>();

	@AfterEach
	void dropWhatTheTestMade() {
		made.forEach(name -> admin.dropDatabase(host, name, name));
	}

	@Test
	void checkNamesTheServerAndItsVersion() {
		assertThat(admin.check(host)).matches("(MariaDB|MySQL) \\d+\\.\\d+\\.\\d+");
		assertThat(MysqlAdmin.shortVersion("10.11.19-MariaDB-0+deb12u1")).isEqualTo("MariaDB 10.11.19");
		assertThat(MysqlAdmin.shortVersion("8.4.5")).isEqualTo("MySQL 8.4.5");
	}

	@Test
	void theSiteUserCanLogInToItsNewDatabaseAndMakeAndReadATable() throws SQLException {
		String name = newName();
		String password = names.newPassword();

		admin.ensureDatabase(host, name, name, password);

		assertThat(admin.exists(host, name, name)).isTrue();
		try (Connection connection = TestDatabases.login(host, name, name, password);
				Statement statement = connection.createStatement()) {
			statement.execute("create table notes (id int primary key, text varchar(100))");
			statement.execute("insert into notes values (1, 'hello')");
			assertThat(single(statement, "select text from notes where id = 1")).isEqualTo("hello");
			assertThat(single(statement, "select current_user()")).isEqualTo(name + "@%");
			assertThat(single(statement, "select database()")).isEqualTo(name);
		}
	}

	@Test
	void ensuringAgainKeepsTheDataAndSetsTheNewPassword() throws SQLException {
		String name = newName();
		String first = names.newPassword();
		admin.ensureDatabase(host, name, name, first);
		try (Connection connection = TestDatabases.login(host, name, name, first);
				Statement statement = connection.createStatement()) {
			statement.execute("create table kept (id int)");
			statement.execute("insert into kept values (42)");
		}

		String second = names.newPassword();
		admin.ensureDatabase(host, name, name, second);

		assertThatThrownBy(() -> TestDatabases.login(host, name, name, first).close()).hasMessageContaining("denied");
		try (Connection connection = TestDatabases.login(host, name, name, second);
				Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select id from kept")).isEqualTo("42");
		}
	}

	@Test
	void aNewPasswordIsAcceptedAndTheOldOneRefused() throws SQLException {
		String name = newName();
		String old = names.newPassword();
		admin.ensureDatabase(host, name, name, old);
		String fresh = names.newPassword();

		admin.setPassword(host, name, fresh);

		assertThatThrownBy(() -> TestDatabases.login(host, name, name, old).close()).hasMessageContaining("denied");
		try (Connection connection = TestDatabases.login(host, name, name, fresh)) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void droppingRemovesTheDatabaseAndTheUserEvenWithASessionOpenAndMayBeRepeated() throws SQLException {
		String name = newName();
		String password = names.newPassword();
		admin.ensureDatabase(host, name, name, password);
		Connection open = TestDatabases.login(host, name, name, password);

		admin.dropDatabase(host, name, name);

		assertThat(admin.exists(host, name, name)).isFalse();
		assertThat(open.isValid(2)).isFalse();
		open.close();
		assertThatThrownBy(() -> TestDatabases.login(host, name, name, password).close()).hasMessageContaining("denied");
		admin.dropDatabase(host, name, name);
		assertThat(admin.exists(host, name, name)).isFalse();
	}

	@Test
	void aSiteUserCanNeitherOpenNorReadAnotherSitesDatabase() throws SQLException {
		String a = newName();
		String b = newName();
		String passwordA = names.newPassword();
		String passwordB = names.newPassword();
		admin.ensureDatabase(host, a, a, passwordA);
		admin.ensureDatabase(host, b, b, passwordB);
		try (Connection connection = TestDatabases.login(host, b, b, passwordB);
				Statement statement = connection.createStatement()) {
			statement.execute("create table secrets (text varchar(100))");
			statement.execute("insert into secrets values ('only b')");
		}

		assertThatThrownBy(() -> TestDatabases.login(host, b, a, passwordA).close())
			.hasMessageContaining("Access denied");
		try (Connection connection = TestDatabases.login(host, a, a, passwordA);
				Statement statement = connection.createStatement()) {
			assertThatThrownBy(() -> statement.execute("use `" + b + "`")).hasMessageContaining("Access denied");
			assertThatThrownBy(() -> statement.executeQuery("select * from `" + b + "`.secrets"))
				.hasMessageContaining("denied");
			assertThatThrownBy(() -> statement.executeQuery("select * from mysql.user")).hasMessageContaining("denied");
			assertThat(column(statement, "show databases")).containsExactlyInAnyOrder(a, "information_schema");
		}
	}

	@Test
	void anUnderscoreInTheNameGrantsNoLookalikeDatabase() throws SQLException {
		// site_1's grant must not cover "siteX1": in a GRANT, _ matches any character unless escaped.
		String name = newName();
		String lookalike = name.replace('_', 'x');
		made.add(lookalike);
		String password = names.newPassword();
		admin.ensureDatabase(host, name, name, password);
		admin.ensureDatabase(host, lookalike, lookalike, names.newPassword());

		try (Connection connection = TestDatabases.login(host, name, name, password);
				Statement statement = connection.createStatement()) {
			assertThatThrownBy(() -> statement.execute("use `" + lookalike + "`")).hasMessageContaining("Access denied");
		}
		assertThat(MysqlAdmin.grantPattern("site_12")).isEqualTo("`site\\_12`");
	}

	@Test
	void ensuringAUserThatHeldTheFilePrivilegeTakesItAway() throws SQLException {
		// A user of that name that existed before (made by hand, or kept from before) is ensured as a new one would be.
		String name = newName();
		String password = names.newPassword();
		admin.ensureDatabase(host, name, name, password);
		try (Connection connection = TestDatabases.login(host, null, host.adminUsername(), host.adminPassword());
				Statement statement = connection.createStatement()) {
			statement.execute("grant file, process on *.* to '" + name + "'@'%'");
		}

		admin.ensureDatabase(host, name, name, password);

		try (Connection connection = TestDatabases.login(host, name, name, password);
				Statement statement = connection.createStatement()) {
			assertThat(column(statement, "show grants")).noneMatch(grant -> grant.contains("FILE"))
				.noneMatch(grant -> grant.contains("PROCESS"))
				.anyMatch(grant -> grant.contains("ALL PRIVILEGES ON `" + MysqlAdmin.grantPattern(name).replace("`", "")));
			assertThat(single(statement, "select load_file('/etc/passwd')")).isNull();
		}
	}

	@Test
	void noConnectionTheManagerMakesSendsItsFilesNotEvenTheAdminsToItsHost(@TempDir Path files)
			throws IOException, SQLException {
		// The admin's connections (and the host form's test) are built as every other; the server may ask for a file
		// during any statement, and an admin-typed host could be anyone's.
		Path file = Files.writeString(files.resolve("orchestrator.key"), "not-for-servers");
		String name = newName();
		admin.ensureDatabase(host, name, name, names.newPassword());

		try (Connection connection = TestDatabases.login(host, name, host.adminUsername(), host.adminPassword());
				Statement statement = connection.createStatement()) {
			statement.execute("create table loot (line text)");
			assertThatThrownBy(() -> statement.execute("load data local infile '" + file + "' into table loot"))
				.hasMessageContaining("Local infile is disabled");
			assertThat(single(statement, "select count(*) from loot")).isEqualTo("0");
		}
		for (boolean multipleStatements : new boolean[] { false, true }) {
			Properties properties = Jdbc.mysqlProperties("admin", "", Jdbc.SOCKET_TIMEOUT_SECONDS, multipleStatements);
			assertThat(properties).containsEntry("allowLocalInfile", "false").containsEntry("permitRedirect", "false");
		}
		assertThat(Jdbc.mysqlProperties("admin", "", Jdbc.SOCKET_TIMEOUT_SECONDS, false))
			.containsEntry("allowMultiQueries", "false");
	}

	private String newName() {
		String name = names.forSite(nextSite++);
		made.add(name);
		return name;
	}

	static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			assertThat(rs.next()).isTrue();
			return rs.getString(1);
		}
	}

	static List<String> column(Statement statement, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getString(1));
			}
		}
		return values;
	}

}
