package edu.tjhsst.director.manager.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import edu.tjhsst.director.manager.system.SecretBox;

/** Stores each site's database in PostgreSQL, its password encrypted. */
@Repository
public class SiteDatabaseRepository {

	private static final String COLUMNS = "site_id, host_id, name, username, password, status, created_at";

	private final JdbcClient jdbc;

	private final SecretBox secrets;

	SiteDatabaseRepository(JdbcClient jdbc, SecretBox secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	public Optional<SiteDatabase> findBySite(long siteId) {
		return jdbc.sql("select " + COLUMNS + " from site_databases where site_id = ?").param(siteId).query(this::map)
			.optional();
	}

	/**
	 * Records a site's new database as CREATING.
	 * @throws org.springframework.dao.DuplicateKeyException when the site has one already
	 */
	public void create(long siteId, long hostId, String name, String username, String password) {
		jdbc.sql("insert into site_databases (site_id, host_id, name, username, password, status) "
				+ "values (?, ?, ?, ?, ?, 'CREATING')")
			.params(siteId, hostId, name, username, secrets.encrypt(password)).update();
	}

	public void savePassword(long siteId, String password) {
		jdbc.sql("update site_databases set password = ? where site_id = ?").params(secrets.encrypt(password), siteId)
			.update();
	}

	public void saveStatus(long siteId, SiteDatabase.Status status) {
		jdbc.sql("update site_databases set status = ? where site_id = ?").params(status.name(), siteId).update();
	}

	public void delete(long siteId) {
		jdbc.sql("delete from site_databases where site_id = ?").param(siteId).update();
	}

	private SiteDatabase map(ResultSet rs, int row) throws SQLException {
		return new SiteDatabase(rs.getLong("site_id"), rs.getLong("host_id"), rs.getString("name"),
				rs.getString("username"), secrets.decrypt(rs.getString("password")),
				SiteDatabase.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());
	}

}
