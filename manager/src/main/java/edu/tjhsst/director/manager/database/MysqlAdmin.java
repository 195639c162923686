package edu.tjhsst.director.manager.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DatabaseEngine;

/**
 * Makes and drops sites' databases and users on a MySQL or MariaDB server. Each site gets a user {@code 'name'@'%'}
 * (at most 20 connections) with every privilege on its own database and none elsewhere.
 */
@Component
class MysqlAdmin implements DatabaseAdmin {

	/** The server's error for a session that ended between listing and killing it. */
	private static final int UNKNOWN_THREAD = 1094;

	@Override
	public DatabaseEngine engine() {
		return DatabaseEngine.MYSQL;
	}

	@Override
	public String check(DatabaseHost host) {
		try (Connection connection = connect(host)) {
			return shortVersion(Jdbc.version(connection));
		}
		catch (SQLException ex) {
			throw Jdbc.failure(ex);
		}
	}

	/** "10.11.19-MariaDB-0+deb12u1" → "MariaDB 10.11.19"; "8.4.5" → "MySQL 8.4.5". */
	static String shortVersion(String version) {
		String number = version.strip().split("-", 2)[0];
		return (version.toLowerCase().contains("mariadb") ? "MariaDB " : "MySQL ") + number;
	}

	@Override
	public void ensureDatabase(DatabaseHost host, String name, String username, String password) {
		String user = user(Jdbc.identifier(username));
		Jdbc.identifier(name);
		String secret = "'" + Jdbc.password(password) + "'";
		try (Connection connection = connect(host); Statement statement = connection.createStatement()) {
			statement.execute("create user if not exists " + user + " identified by " + secret
					+ " with max_user_connections 20");
			// An existing user (a retried operation) gets this password and limit again.
			statement.execute("alter user " + user + " identified by " + secret + " with max_user_connections 20");
			// A user of this name that already existed (made by hand, or kept from before) might hold more, such as
			// the FILE privilege that reads and writes the server's files: it keeps only what is granted below.
			statement.execute("revoke all privileges, grant option from " + user);
			statement.execute("create database if not exists `" + name + "`");
			statement.execute("grant all privileges on " + grantPattern(name) + ".* to " + user);
		}
		catch (SQLException ex) {
			throw Jdbc.failure(ex);
		}
	}

	@Override
	public void setPassword(DatabaseHost host, String username, String password) {
		String user = user(Jdbc.identifier(username));
		String secret = "'" + Jdbc.password(password) + "'";
		try (Connection connection = connect(host); Statement statement = connection.createStatement()) {
			statement.execute("alter user " + user + " identified by " + secret);
		}
		catch (SQLException ex) {
			throw Jdbc.failure(ex);
		}
	}

	@Override
	public void dropDatabase(DatabaseHost host, String name, String username) {
		String user = user(Jdbc.identifier(username));
		Jdbc.identifier(name);
		try (Connection connection = connect(host); Statement statement = connection.createStatement()) {
			for (long id : sessions(connection, username)) {
				try {
					statement.execute("kill connection " + id);
				}
				catch (SQLException ex) {
					if (ex.getErrorCode() != UNKNOWN_THREAD) {
						throw ex;
					}
				}
			}
			statement.execute("drop database if exists `" + name + "`");
			statement.execute("drop user if exists " + user);
		}
		catch (SQLException ex) {
			throw Jdbc.failure(ex);
		}
	}

	@Override
	public boolean exists(DatabaseHost host, String name, String username) {
		Jdbc.identifier(name);
		Jdbc.identifier(username);
		try (Connection connection = connect(host)) {
			return found(connection, "select 1 from information_schema.SCHEMATA where SCHEMA_NAME = ?", name)
					|| found(connection, "select 1 from mysql.user where User = ? and Host = '%'", username);
		}
		catch (SQLException ex) {
			throw Jdbc.failure(ex);
		}
	}

	private static List<Long> sessions(Connection connection, String username) throws SQLException {
		List<Long> ids = new ArrayList<>();
		try (PreparedStatement statement = connection
			.prepareStatement("select ID from information_schema.PROCESSLIST where USER = ?")) {
			statement.setString(1, username);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					ids.add(rs.getLong(1));
				}
			}
		}
		return ids;
	}

	private static boolean found(Connection connection, String sql, String parameter) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next();
			}
		}
	}

	private static Connection connect(DatabaseHost host) throws SQLException {
		return Jdbc.mysql(host.adminHost(), host.adminPort(), null, host.adminUsername(), host.adminPassword(),
				Jdbc.SOCKET_TIMEOUT_SECONDS, false);
	}

	/** {@code 'name'@'%'}: a whitelisted name needs no escaping. */
	private static String user(String username) {
		return "'" + username + "'@'%'";
	}

	/**
	 * The database as a GRANT names it: there {@code _} is a wildcard for any character, so it is escaped, or
	 * {@code site_1} would also grant {@code siteX1}.
	 */
	static String grantPattern(String name) {
		return "`" + name.replace("_", "\\_") + "`";
	}

}
