package edu.tjhsst.director.manager.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.site.DatabaseAccess;

/**
 * Plain JDBC connections to database servers, and the checks every name and password passes before it is written
 * into DDL (which cannot take parameters).
 */
final class Jdbc {

	/** How long reaching a server may take. */
	static final int CONNECT_TIMEOUT_SECONDS = 5;

	/** How long the admin's statements may wait for an answer. */
	static final int SOCKET_TIMEOUT_SECONDS = 30;

	private static final Pattern CONNECTION_PREFIX = Pattern.compile("^\\(conn=\\d+\\)\\s*");

	private Jdbc() {
	}

	/** A PostgreSQL connection to the database, with the timeouts; never pooled. */
	static Connection postgres(String host, int port, String database, String user, String password,
			int socketTimeoutSeconds) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password == null ? "" : password);
		properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
		properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
		properties.setProperty("ApplicationName", "Director");
		return DriverManager.getConnection("jdbc:postgresql://" + address(host) + ":" + port + "/" + database,
				properties);
	}

	/** A MariaDB/MySQL connection (to the database, or to none when it is null), with the timeouts. */
	static Connection mysql(String host, int port, String database, String user, String password,
			int socketTimeoutSeconds, boolean multipleStatements) throws SQLException {
		return DriverManager.getConnection(
				"jdbc:mariadb://" + address(host) + ":" + port + "/" + (database == null ? "" : database),
				mysqlProperties(user, password, socketTimeoutSeconds, multipleStatements));
	}

	/**
	 * The MariaDB driver's settings for every connection the manager makes. Local infile is off: the protocol lets
	 * the SERVER ask the client for any file during any statement (a site's {@code LOAD DATA LOCAL INFILE}, or a
	 * host the admin typed that is not what it claims), and the manager can read its own secrets. Server redirection
	 * is off, so that a server cannot send the manager's login elsewhere.
	 */
	static Properties mysqlProperties(String user, String password, int socketTimeoutSeconds,
			boolean multipleStatements) {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password == null ? "" : password);
		properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS * 1000));
		properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds * 1000));
		properties.setProperty("allowMultiQueries", Boolean.toString(multipleStatements));
		properties.setProperty("allowLocalInfile", "false");
		properties.setProperty("permitRedirect", "false");
		return properties;
	}

	/** What the server says of its own version, such as "10.11.19-MariaDB-0+deb12u1". */
	static String version(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select version()")) {
			rs.next();
			return rs.getString(1);
		}
	}

	/** A name Director made, refused unless it is a plain identifier. */
	static String identifier(String name) {
		if (name == null || !DatabaseAccess.IDENTIFIER.matcher(name).matches()) {
			throw new DatabaseException("\"" + name + "\" is not a name Director makes: lowercase letters, digits and _,"
					+ " starting with a letter, at most 63.");
		}
		return name;
	}

	/** A password Director made, refused unless it is letters and digits only (never shown in the message). */
	static String password(String password) {
		if (password == null || !DatabaseAccess.PASSWORD.matcher(password).matches()) {
			throw new DatabaseException("The password must be 16 to 64 letters and digits.");
		}
		return password;
	}

	/** The host as it goes into a JDBC URL: only host names and IPv4 addresses are accepted. */
	private static String address(String host) {
		if (!DatabaseAccess.isHost(host)) {
			throw new DatabaseException("\"" + host + "\" is not a host name or an IPv4 address.");
		}
		return host;
	}

	/** The server's own message (never holding a password: Director sends none in statements it would echo). */
	static DatabaseException failure(SQLException ex) {
		return new DatabaseException(message(ex), ex);
	}

	/**
	 * The server's message as a person reads it: without the MariaDB driver's "(conn=946) " prefix, which only
	 * numbers the connection.
	 */
	static String message(SQLException ex) {
		String message = ex.getMessage();
		if (message == null || message.isBlank()) {
			return ex.getClass().getSimpleName();
		}
		return CONNECTION_PREFIX.matcher(message.strip()).replaceFirst("");
	}

}
