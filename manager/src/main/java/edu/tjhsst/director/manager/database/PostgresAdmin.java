package edu.tjhsst.director.manager.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DatabaseEngine;

/**
 * Makes and drops sites' databases and roles on a PostgreSQL server. Each site gets a role that may log in (at most
 * 20 sessions) and nothing more, owning one database that PUBLIC may not connect to.
 */
@Component
class PostgresAdmin implements DatabaseAdmin {

	@Override
	public DatabaseEngine engine() {
		return DatabaseEngine.POSTGRESQL;
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

	/** "PostgreSQL 17.5 on x86_64-pc-linux-gnu, compiled by ..." → "PostgreSQL 17.5". */
	static String shortVersion(String version) {
		String[] words = version.strip().split("\\s+");
		return words.length >= 2 ? words[0] + " " + words[1] : version.strip();
	}

	@Override
	public void ensureDatabase(DatabaseHost host, String name, String username, String password) {
		String database = quote(Jdbc.identifier(name));
		String role = quote(Jdbc.identifier(username));
		Jdbc.password(password);
		try (Connection connection = connect(host); Statement statement = connection.createStatement()) {
			if (!found(connection, "select 1 from pg_roles where rolname = ?", username)) {
				statement.execute("create role " + role + " login nosuperuser nocreatedb nocreaterole noreplication"
						+ " connection limit 20");
				if (!found(connection, "select 1 from pg_roles where rolname = current_user and rolsuper", null)) {
					// An admin that is not a superuser must be a member of the role to make it a database's owner.
					statement.execute("grant " + role + " to current_user");
				}
			}
			else {
				statement.execute("alter role " + role + " login nosuperuser nocreatedb nocreaterole noreplication"
						+ " connection limit 20");
				revokeMemberships(connection, statement, username);
			}
			setPassword(connection, username, password);
			if (!found(connection, "select 1 from pg_database where datname = ?", name)) {
				statement.execute("create database " + database + " owner " + role);
			}
			statement.execute("revoke all on database " + database + " from public");
			statement.execute("grant all on database " + database + " to " + role);
		}
		catch (SQLException ex) {
			throw Jdbc.failure(ex);
		}
	}

	@Override
	public void setPassword(DatabaseHost host, String username, String password) {
		Jdbc.identifier(username);
		Jdbc.password(password);
		try (Connection connection = connect(host)) {
			if (!found(connection, "select 1 from pg_roles where rolname = ?", username)) {
				throw new DatabaseException("The role " + username + " does not exist on " + host.name() + ".");
			}
			setPassword(connection, username, password);
		}
		catch (SQLException ex) {
			throw Jdbc.failure(ex);
		}
	}

	@Override
	public void dropDatabase(DatabaseHost host, String name, String username) {
		String database = quote(Jdbc.identifier(name));
		String role = quote(Jdbc.identifier(username));
		try (Connection connection = connect(host); Statement statement = connection.createStatement()) {
			try (PreparedStatement terminate = connection.prepareStatement(
					"select pg_terminate_backend(pid) from pg_stat_activity where usename = ? or datname = ?")) {
				terminate.setString(1, username);
				terminate.setString(2, name);
				terminate.executeQuery().close();
			}
			statement.execute("drop database if exists " + database + " with (force)");
			if (found(connection, "select 1 from pg_roles where rolname = ?", username)) {
				// What the role still owns or was granted here (on a shared server: in the admin's database) would
				// otherwise keep it from being dropped.
				statement.execute("drop owned by " + role);
				statement.execute("drop role " + role);
			}
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
			return found(connection, "select 1 from pg_database where datname = ?", name)
					|| found(connection, "select 1 from pg_roles where rolname = ?", username);
		}
		catch (SQLException ex) {
			throw Jdbc.failure(ex);
		}
	}

	/**
	 * Sets the password as a SCRAM verifier computed here, so that the password itself never reaches the server's
	 * statement text or logs.
	 */
	private static void setPassword(Connection connection, String username, String password) throws SQLException {
		connection.unwrap(PGConnection.class).alterUserPassword(username, password.toCharArray(), "scram-sha-256");
	}

	/**
	 * Takes the role out of every role it was made a member of: a role of this name that already existed (made by
	 * hand, or kept from before) might be in pg_read_server_files or another that reaches the server's files.
	 */
	private static void revokeMemberships(Connection connection, Statement statement, String username)
			throws SQLException {
		List<String> memberOf = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("select r.rolname from pg_auth_members m"
				+ " join pg_roles r on r.oid = m.roleid join pg_roles u on u.oid = m.member where u.rolname = ?")) {
			query.setString(1, username);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					memberOf.add(rs.getString(1));
				}
			}
		}
		for (String granted : memberOf) {
			// The server's own name for a role, quoted as an identifier (a doubled quote stands for one).
			statement.execute("revoke \"" + granted.replace("\"", "\"\"") + "\" from " + quote(username));
		}
	}

	private static boolean found(Connection connection, String sql, String parameter) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (parameter != null) {
				statement.setString(1, parameter);
			}
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next();
			}
		}
	}

	private static Connection connect(DatabaseHost host) throws SQLException {
		return Jdbc.postgres(host.adminHost(), host.adminPort(), "postgres", host.adminUsername(), host.adminPassword(),
				Jdbc.SOCKET_TIMEOUT_SECONDS);
	}

	/** A whitelisted identifier in double quotes (it holds none to escape). */
	private static String quote(String identifier) {
		return "\"" + identifier + "\"";
	}

}
