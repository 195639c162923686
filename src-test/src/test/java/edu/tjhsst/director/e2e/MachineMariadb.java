package edu.tjhsst.director.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The machine's own MariaDB, which the test command sets up and an administrator adds to the platform as a database
 * host, reached on loopback with the account the test command made ({@code DIRECTOR_TEST_MYSQL_*}).
 */
final class MachineMariadb {

	static final String HOST = env("DIRECTOR_TEST_MYSQL_HOST", "127.0.0.1");

	static final int PORT = Integer.parseInt(env("DIRECTOR_TEST_MYSQL_PORT", "3306"));

	static final String USER = env("DIRECTOR_TEST_MYSQL_USER", "root");

	static final String PASSWORD = env("DIRECTOR_TEST_MYSQL_PASSWORD", "");

	private MachineMariadb() {
	}

	static Connection connect(String database, String user, String password) throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/" + database, user, password);
	}

	/**
	 * Drops the databases and users a platform left behind (a failed run): everything named with its own prefix, which
	 * no other run uses. A failure is reported, not thrown, since it must not hide the journey's own.
	 */
	static void dropEverythingStartingWith(String prefix) {
		Pattern ours = Pattern.compile("^" + Pattern.quote(prefix) + "[a-z0-9_]*$");
		try (Connection admin = connect("", USER, PASSWORD); Statement statement = admin.createStatement()) {
			List<String> drops = new ArrayList<>();
			try (ResultSet schemas = statement.executeQuery("SELECT schema_name FROM information_schema.schemata")) {
				while (schemas.next()) {
					if (ours.matcher(schemas.getString(1)).matches()) {
						drops.add("DROP DATABASE IF EXISTS `" + schemas.getString(1) + "`");
					}
				}
			}
			try (ResultSet users = statement.executeQuery("SELECT user, host FROM mysql.user")) {
				while (users.next()) {
					if (ours.matcher(users.getString(1)).matches() && users.getString(2).matches("[A-Za-z0-9.%:_-]+")) {
						drops.add("DROP USER IF EXISTS '" + users.getString(1) + "'@'" + users.getString(2) + "'");
					}
				}
			}
			for (String drop : drops) {
				statement.execute(drop);
			}
		}
		catch (SQLException ex) {
			System.err.println("could not clean up MariaDB after the journey: " + ex.getMessage());
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isEmpty() ? fallback : value;
	}

}
