package edu.tjhsst.director.manager.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;

import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.manager.system.DirectorProperties;

/** The real servers the engine tests use, and names that never collide between runs. */
final class TestDatabases {

	private static final SecureRandom random = new SecureRandom();

	private TestDatabases() {
	}

	/** Settings with the embedded sites' server on this port under this data directory, and the console's limits. */
	static DirectorProperties properties(Path data, int port, String listen, String sitesHost, int timeoutSeconds,
			int rowCap) {
		return new DirectorProperties(data, new DirectorProperties.Database("", "", ""), null, null, null, null,
				new DirectorProperties.Secrets("test secrets key, not for production", ""),
				new DirectorProperties.SiteDatabases(true, port, listen, sitesHost, "site_", timeoutSeconds, rowCap));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A prefix of its own for each test run, such as "tqxkfm_". */
	static String runPrefix() {
		StringBuilder prefix = new StringBuilder("t");
		for (int i = 0; i < 6; i++) {
			prefix.append((char) ('a' + random.nextInt(26)));
		}
		return prefix.append('_').toString();
	}

	/** The embedded sites' server as a registered host would describe it. */
	static DatabaseHost postgresHost(EmbeddedSiteDatabaseServer server) {
		return new DatabaseHost(1, "Embedded PostgreSQL", DatabaseEngine.POSTGRESQL, "127.0.0.1", server.port(),
				"postgres", server.adminPassword(), "127.0.0.1", server.port(), true, true);
	}

	/**
	 * The machine's MariaDB (or MySQL): DIRECTOR_TEST_MYSQL_HOST, _PORT, _USER and _PASSWORD, by default
	 * root with no password at 127.0.0.1:3306.
	 */
	static DatabaseHost mysqlHost() {
		String host = env("DIRECTOR_TEST_MYSQL_HOST", "127.0.0.1");
		int port = Integer.parseInt(env("DIRECTOR_TEST_MYSQL_PORT", "3306"));
		return new DatabaseHost(2, "MariaDB", DatabaseEngine.MYSQL, host, port, env("DIRECTOR_TEST_MYSQL_USER", "root"),
				env("DIRECTOR_TEST_MYSQL_PASSWORD", ""), host, port, false, true);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	/** Logs in as a site's user, as its process would. */
	static Connection login(DatabaseHost host, String database, String username, String password) throws SQLException {
		return switch (host.engine()) {
			case POSTGRESQL -> Jdbc.postgres(host.adminHost(), host.adminPort(), database, username, password, 30);
			case MYSQL -> Jdbc.mysql(host.adminHost(), host.adminPort(), database, username, password, 30, false);
		};
	}

}
