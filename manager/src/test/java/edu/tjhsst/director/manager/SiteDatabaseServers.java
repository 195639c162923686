package edu.tjhsst.director.manager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import edu.tjhsst.director.manager.database.DatabaseHost;

/**
 * One test class's real servers for sites' databases: the embedded sites' PostgreSQL on a free port, and this
 * machine's MariaDB (DIRECTOR_TEST_MYSQL_HOST, _PORT, _USER and _PASSWORD; root without a password at 127.0.0.1:3306
 * by default) with an administrator made for the class. Every database, user and administrator it leads the manager
 * to make on the shared MariaDB starts with the class's own prefix; registered as an extension, it makes the
 * administrator before the class and drops all of them after it.
 */
final class SiteDatabaseServers implements BeforeAllCallback, AfterAllCallback {

	/** The names the MariaDB is registered under through the admin form, and the embedded server has. */
	static final String MARIADB = "Test MariaDB";

	static final String EMBEDDED = "Embedded PostgreSQL";

	static final String MYSQL_HOST = env("DIRECTOR_TEST_MYSQL_HOST", "127.0.0.1");

	static final int MYSQL_PORT = Integer.parseInt(env("DIRECTOR_TEST_MYSQL_PORT", "3306"));

	/** The most rows the SQL console shows here. */
	static final int ROW_CAP = 5;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String prefix = "t" + randomLetters(6) + "_";

	private final int embeddedPort = freePort();

	private final String adminPassword = "Adm1n-" + randomLetters(16) + "!#";

	/** What this class's databases and users on both servers are named after, such as "tqxkfm_". */
	String prefix() {
		return prefix;
	}

	/** The administrator made for this class, which the admin form registers the MariaDB with. */
	String admin() {
		return prefix + "admin";
	}

	String adminPassword() {
		return adminPassword;
	}

	int embeddedPort() {
		return embeddedPort;
	}

	/** Turns on the embedded sites' server and names sites' databases after the prefix, with a short console. */
	void register(DynamicPropertyRegistry registry) {
		registry.add("director.site-databases.embedded", () -> "true");
		registry.add("director.site-databases.embedded-port", () -> embeddedPort);
		registry.add("director.site-databases.sites-host", () -> "127.0.0.1");
		registry.add("director.site-databases.prefix", () -> prefix);
		registry.add("director.site-databases.console-timeout-seconds", () -> 1);
		registry.add("director.site-databases.console-row-cap", () -> ROW_CAP);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws SQLException {
		try (Connection root = mysqlRoot(); Statement statement = root.createStatement()) {
			statement.execute("CREATE USER '" + admin() + "'@'%' IDENTIFIED BY '" + adminPassword + "'");
			statement.execute("GRANT ALL PRIVILEGES ON *.* TO '" + admin() + "'@'%' WITH GRANT OPTION");
		}
	}

	/** Drops every database and user this class made on the shared MariaDB, the administrator among them. */
	@Override
	public void afterAll(ExtensionContext context) throws SQLException {
		try (Connection root = mysqlRoot(); Statement statement = root.createStatement()) {
			List<String> databases = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT schema_name FROM information_schema.schemata")) {
				while (rs.next()) {
					if (rs.getString(1).startsWith(prefix)) {
						databases.add(rs.getString(1));
					}
				}
			}
			List<String> accounts = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT user, host FROM mysql.user")) {
				while (rs.next()) {
					if (rs.getString(1).startsWith(prefix)) {
						accounts.add("'" + rs.getString(1) + "'@'" + rs.getString(2) + "'");
					}
				}
			}
			for (String database : databases) {
				statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
			}
			for (String account : accounts) {
				statement.execute("DROP USER IF EXISTS " + account);
			}
		}
	}

	/** Whether this machine's MariaDB still has the database or the user. */
	boolean mariadbHas(String name) throws SQLException {
		try (Connection root = mysqlRoot(); Statement statement = root.createStatement();
				ResultSet rs = statement.executeQuery("select (select count(*) from information_schema.schemata "
						+ "where schema_name = '" + name + "') + (select count(*) from mysql.user where user = '" + name
						+ "')")) {
			rs.next();
			return rs.getLong(1) > 0;
		}
	}

	/** Whether the embedded sites' PostgreSQL, whose administrator is the registered host's, has the database or role. */
	boolean embeddedHas(DatabaseHost embedded, String name) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + embeddedPort
				+ "/postgres", embedded.adminUsername(), embedded.adminPassword());
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select (select count(*) from pg_database where datname = '" + name
						+ "') + (select count(*) from pg_roles where rolname = '" + name + "')")) {
			rs.next();
			return rs.getLong(1) > 0;
		}
	}

	/** Connects as the site's database user with the given password, where the site's spec says. */
	static Connection connect(JsonNode database, String password) throws SQLException {
		String engine = database.get("engine").asText();
		String url = (engine.equals("MYSQL") ? "jdbc:mariadb://" : "jdbc:postgresql://") + database.get("host").asText()
				+ ":" + database.get("port").asInt() + "/" + database.get("name").asText();
		return DriverManager.getConnection(url, database.get("username").asText(), password);
	}

	static String randomLetters(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append((char) ('a' + RANDOM.nextInt(26)));
		}
		return text.toString();
	}

	private static Connection mysqlRoot() throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://" + MYSQL_HOST + ":" + MYSQL_PORT + "/",
				env("DIRECTOR_TEST_MYSQL_USER", "root"), env("DIRECTOR_TEST_MYSQL_PASSWORD", ""));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isEmpty() ? fallback : value;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
