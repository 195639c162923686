package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sites' databases and roles on the embedded PostgreSQL 17 for sites: made, used, given new passwords, dropped, and
 * kept apart from each other and from the manager's own database (another server).
 */
class PostgresAdminTests {

	@TempDir
	static Path data;

	static EmbeddedSiteDatabaseServer server;

	/** The manager's own database, as the manager runs it: another embedded server, with its tables. */
	static EmbeddedPostgres managers;

	static DatabaseHost host;

	static final DatabaseNames names = new DatabaseNames(TestDatabases.runPrefix());

	static long nextSite = 1;

	final PostgresAdmin admin = new PostgresAdmin();

	final List<String> made = new ArrayList<>();

	@BeforeAll
	static void startServers() throws IOException {
		server = new EmbeddedSiteDatabaseServer(TestDatabases.properties(data, TestDatabases.freePort(), "", "127.0.0.1",
				10, 500));
		server.start();
		host = TestDatabases.postgresHost(server);
		managers = EmbeddedPostgres.builder().setDataDirectory(data.resolve("postgres")).start();
		Flyway.configure().dataSource(managers.getPostgresDatabase()).load().migrate();
	}

	@AfterAll
	static void stopServers() throws IOException {
		if (managers != null) {
			managers.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@AfterEach
	void dropWhatTheTestMade() {
		made.forEach(name -> admin.dropDatabase(host, name, name));
	}

	@Test
	void checkNamesTheServerAndItsVersion() {
		assertThat(admin.check(host)).matches("PostgreSQL 17\\.\\d+");
	}

	@Test
	void theSiteUserCanLogInToItsNewDatabaseAndMakeAndReadATable() throws SQLException {
		String name = newName();
		String password = names.newPassword();

		admin.ensureDatabase(host, name, name, password);

		assertThat(admin.exists(host, name, name)).isTrue();
		try (Connection connection = TestDatabases.login(host, name, name, password);
				Statement statement = connection.createStatement()) {
			statement.execute("create table notes (id int primary key, text text)");
			statement.execute("insert into notes values (1, 'hello')");
			assertThat(single(statement, "select text from notes where id = 1")).isEqualTo("hello");
			assertThat(single(statement, "select current_user")).isEqualTo(name);
			assertThat(single(statement, "select pg_catalog.pg_get_userbyid(datdba) from pg_database"
					+ " where datname = current_database()")).isEqualTo(name);
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

		assertThatThrownBy(() -> TestDatabases.login(host, name, name, first).close())
			.hasMessageContaining("password authentication failed");
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

		assertThatThrownBy(() -> TestDatabases.login(host, name, name, old).close())
			.hasMessageContaining("password authentication failed");
		try (Connection connection = TestDatabases.login(host, name, name, fresh)) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void settingThePasswordOfAMissingRoleSaysSo() {
		assertThatThrownBy(() -> admin.setPassword(host, newName(), names.newPassword()))
			.isInstanceOf(DatabaseException.class).hasMessageContaining("does not exist");
	}

	@Test
	void droppingRemovesTheDatabaseAndTheRoleEvenWithASessionOpenAndMayBeRepeated() throws SQLException {
		String name = newName();
		String password = names.newPassword();
		admin.ensureDatabase(host, name, name, password);
		Connection open = TestDatabases.login(host, name, name, password);

		admin.dropDatabase(host, name, name);

		assertThat(admin.exists(host, name, name)).isFalse();
		assertThat(open.isValid(2)).isFalse();
		open.close();
		assertThatThrownBy(() -> TestDatabases.login(host, name, name, password).close())
			.isInstanceOf(SQLException.class);
		admin.dropDatabase(host, name, name);
		assertThat(admin.exists(host, name, name)).isFalse();
	}

	@Test
	void droppingRemovesARoleThatWasGrantedSomethingOutsideItsDatabase() throws SQLException {
		// On a shared server an administrator may have granted the role something in another database.
		String name = newName();
		admin.ensureDatabase(host, name, name, names.newPassword());
		try (Connection connection = Jdbc.postgres("127.0.0.1", server.port(), "postgres", "postgres",
				server.adminPassword(), 30); Statement statement = connection.createStatement()) {
			statement.execute("create table if not exists shared_notes (text text)");
			statement.execute("grant select on shared_notes to \"" + name + "\"");
		}

		admin.dropDatabase(host, name, name);

		assertThat(admin.exists(host, name, name)).isFalse();
	}

	@Test
	void ensuringARoleThatWasMadeAMemberOfTheServersFileRolesTakesThemAway() throws SQLException {
		// A role of that name that existed before (made by hand, or kept from before) is ensured as a new one would be.
		String name = newName();
		String password = names.newPassword();
		admin.ensureDatabase(host, name, name, password);
		try (Connection connection = Jdbc.postgres("127.0.0.1", server.port(), "postgres", "postgres",
				server.adminPassword(), 30); Statement statement = connection.createStatement()) {
			statement.execute("grant pg_read_server_files, pg_write_server_files, pg_execute_server_program to \""
					+ name + "\"");
		}

		admin.ensureDatabase(host, name, name, password);

		try (Connection connection = TestDatabases.login(host, name, name, password);
				Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select count(*) from pg_auth_members where member ="
					+ " (select oid from pg_roles where rolname = current_user)")).isEqualTo("0");
			assertThatThrownBy(() -> statement.execute("select pg_read_file('/etc/passwd')"))
				.hasMessageContaining("permission denied");
		}
	}

	@Test
	void aSiteRoleCannotConnectToAnotherSitesDatabase() throws SQLException {
		String a = newName();
		String b = newName();
		String passwordA = names.newPassword();
		admin.ensureDatabase(host, a, a, passwordA);
		admin.ensureDatabase(host, b, b, names.newPassword());

		assertThatThrownBy(() -> TestDatabases.login(host, b, a, passwordA).close())
			.hasMessageContaining("no pg_hba.conf entry")
			.hasMessageContaining(b);
		// Even were pg_hba.conf more lenient, PUBLIC (and so A) may not connect to B's database.
		try (Connection connection = Jdbc.postgres("127.0.0.1", server.port(), "postgres", "postgres",
				server.adminPassword(), 30); Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select has_database_privilege('" + a + "', '" + b + "', 'CONNECT')"))
				.isEqualTo("f");
			assertThat(single(statement, "select has_database_privilege('" + b + "', '" + b + "', 'CONNECT')"))
				.isEqualTo("t");
		}
	}

	@Test
	void aSiteRoleCannotConnectToTheServersOwnDatabases() {
		String name = newName();
		String password = names.newPassword();
		admin.ensureDatabase(host, name, name, password);

		for (String database : List.of("postgres", "template1")) {
			assertThatThrownBy(() -> TestDatabases.login(host, database, name, password).close())
				.hasMessageContaining("no pg_hba.conf entry");
		}
	}

	@Test
	void theManagersOwnDatabaseIsAnotherServerThatRefusesASitesRole() throws SQLException {
		String name = newName();
		String password = names.newPassword();
		admin.ensureDatabase(host, name, name, password);

		assertThat(managers.getPort()).isNotEqualTo(server.port());
		assertThatThrownBy(() -> Jdbc.postgres("127.0.0.1", managers.getPort(), "postgres", name, password, 30).close())
			.hasMessageContaining("does not exist");
		try (Connection connection = managers.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select to_regclass('public.sites') is not null")).isEqualTo("t");
		}
		try (Connection connection = Jdbc.postgres("127.0.0.1", server.port(), "postgres", "postgres",
				server.adminPassword(), 30); Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select to_regclass('public.sites') is null")).isEqualTo("t");
		}
	}

	@Test
	void theAdminMustGiveItsPasswordEvenFromThisMachine() {
		Properties noPassword = new Properties();
		noPassword.setProperty("user", "postgres");
		assertThatThrownBy(() -> java.sql.DriverManager
			.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", noPassword).close())
			.hasMessageContaining("password");
		assertThatThrownBy(() -> Jdbc.postgres("127.0.0.1", server.port(), "postgres", "postgres", "wrongPassword123",
				30).close())
			.hasMessageContaining("password authentication failed");
	}

	@Test
	void aSitesPasswordIsStoredOnlyAsAScramVerifier() throws SQLException {
		String name = newName();
		String password = names.newPassword();
		admin.ensureDatabase(host, name, name, password);

		try (Connection connection = Jdbc.postgres("127.0.0.1", server.port(), "postgres", "postgres",
				server.adminPassword(), 30);
				PreparedStatement statement = connection
					.prepareStatement("select rolpassword from pg_authid where rolname = ?")) {
			statement.setString(1, name);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$").doesNotContain(password);
			}
		}
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

}
