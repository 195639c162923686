package edu.tjhsst.director.manager.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import edu.tjhsst.director.common.site.DatabaseEngine;
import edu.tjhsst.director.manager.system.SecretBox;

/** Stores database hosts in PostgreSQL, their admin passwords encrypted. */
@Repository
public class DatabaseHostRepository {

	private static final String COLUMNS = "id, name, engine, admin_host, admin_port, admin_username, admin_password, "
			+ "sites_host, sites_port, embedded, enabled";

	private final JdbcClient jdbc;

	private final SecretBox secrets;

	DatabaseHostRepository(JdbcClient jdbc, SecretBox secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	public List<DatabaseHost> findAll() {
		return jdbc.sql("select " + COLUMNS + " from database_hosts order by embedded desc, name").query(this::map).list();
	}

	/** The hosts offered for new databases. */
	public List<DatabaseHost> findEnabled() {
		return jdbc.sql("select " + COLUMNS + " from database_hosts where enabled order by embedded desc, name")
			.query(this::map).list();
	}

	public Optional<DatabaseHost> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from database_hosts where id = ?").param(id).query(this::map).optional();
	}

	public Optional<DatabaseHost> findEmbedded() {
		return jdbc.sql("select " + COLUMNS + " from database_hosts where embedded").query(this::map).optional();
	}

	/**
	 * Stores a new host; its id is ignored.
	 * @throws org.springframework.dao.DuplicateKeyException when the name is taken, or a second embedded host
	 */
	public long create(DatabaseHost host) {
		return jdbc.sql("insert into database_hosts (name, engine, admin_host, admin_port, admin_username, admin_password,"
				+ " sites_host, sites_port, embedded, enabled) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")
			.params(host.name(), host.engine().name(), host.adminHost(), host.adminPort(), host.adminUsername(),
					secrets.encrypt(host.adminPassword()), host.sitesHost(), host.sitesPort(), host.embedded(),
					host.enabled())
			.query(Long.class).single();
	}

	/**
	 * Stores everything but the id and whether it is embedded.
	 * @throws org.springframework.dao.DuplicateKeyException when the name is taken
	 */
	public void update(DatabaseHost host) {
		jdbc.sql("update database_hosts set name = ?, engine = ?, admin_host = ?, admin_port = ?, admin_username = ?, "
				+ "admin_password = ?, sites_host = ?, sites_port = ?, enabled = ? where id = ?")
			.params(host.name(), host.engine().name(), host.adminHost(), host.adminPort(), host.adminUsername(),
					secrets.encrypt(host.adminPassword()), host.sitesHost(), host.sitesPort(), host.enabled(), host.id())
			.update();
	}

	/** Removes a host no database is on; false when it has databases (or does not exist). */
	public boolean deleteIfUnused(long id) {
		return jdbc.sql("delete from database_hosts where id = ? and not exists "
				+ "(select 1 from site_databases where host_id = ?)").params(id, id).update() > 0;
	}

	/** How many sites' databases are on the host. */
	public long countDatabases(long id) {
		return jdbc.sql("select count(*) from site_databases where host_id = ?").param(id).query(Long.class).single();
	}

	private DatabaseHost map(ResultSet rs, int row) throws SQLException {
		return new DatabaseHost(rs.getLong("id"), rs.getString("name"), DatabaseEngine.valueOf(rs.getString("engine")),
				rs.getString("admin_host"), rs.getInt("admin_port"), rs.getString("admin_username"),
				secrets.decrypt(rs.getString("admin_password")), rs.getString("sites_host"), rs.getInt("sites_port"),
				rs.getBoolean("embedded"), rs.getBoolean("enabled"));
	}

}
