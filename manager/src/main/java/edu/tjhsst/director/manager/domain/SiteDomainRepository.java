package edu.tjhsst.director.manager.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores sites' custom domains in PostgreSQL; a name is one site's only, which the table's unique key keeps. */
@Repository
public class SiteDomainRepository {

	private static final String SELECT = "select d.id, d.site_id, s.name as site_name, d.name, d.token, d.state,"
			+ " d.rejection, d.created_at, d.checked_at, d.proven_at from custom_domains d join sites s on s.id = d.site_id";

	private final JdbcClient jdbc;

	SiteDomainRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<SiteDomain> findBySite(long siteId) {
		return jdbc.sql(SELECT + " where d.site_id = ? order by d.created_at, d.id").param(siteId)
			.query(SiteDomainRepository::map).list();
	}

	/** The domain with this id, if it is this site's. */
	public Optional<SiteDomain> findForSite(long siteId, long domainId) {
		return jdbc.sql(SELECT + " where d.id = ? and d.site_id = ?").params(domainId, siteId)
			.query(SiteDomainRepository::map).optional();
	}

	public Optional<SiteDomain> findById(long domainId) {
		return jdbc.sql(SELECT + " where d.id = ?").param(domainId).query(SiteDomainRepository::map).optional();
	}

	public Optional<SiteDomain> findByName(String name) {
		return jdbc.sql(SELECT + " where d.name = ?").param(name).query(SiteDomainRepository::map).optional();
	}

	/** Every site's domains, those waiting for an administrator first. */
	public List<SiteDomain> findAll() {
		return jdbc.sql(SELECT + " order by d.state = 'WAITING_FOR_APPROVAL' desc, s.name, d.name")
			.query(SiteDomainRepository::map).list();
	}

	/** The names the site answers on besides its own, in the order they were added. */
	public List<String> activeNames(long siteId) {
		return jdbc.sql("select name from custom_domains where site_id = ? and state = 'ACTIVE' order by created_at, id")
			.param(siteId).query(String.class).list();
	}

	public long countBySite(long siteId) {
		return jdbc.sql("select count(*) from custom_domains where site_id = ?").param(siteId).query(Long.class)
			.single();
	}

	/**
	 * Adds a domain waiting for its proof, and returns its id; empty when a site has the name already. The conflict
	 * is no error, so the transaction goes on and can say whose the name is.
	 */
	Optional<Long> add(long siteId, String name, String token) {
		return jdbc.sql("insert into custom_domains (site_id, name, token, state) values (?, ?, ?, 'WAITING_FOR_PROOF')"
				+ " on conflict (name) do nothing returning id").params(siteId, name, token).query(Long.class).optional();
	}

	/** Records a check's outcome: the new state, and the time of the proof when it was proven. */
	void saveCheck(long domainId, DomainState state, Instant checkedAt, boolean proven) {
		jdbc.sql("update custom_domains set state = ?, checked_at = ?, proven_at = case when ? then ? else proven_at end"
				+ " where id = ?")
			.params(state.name(), Timestamp.from(checkedAt), proven, Timestamp.from(checkedAt), domainId).update();
	}

	void saveState(long domainId, DomainState state, String rejection) {
		jdbc.sql("update custom_domains set state = ?, rejection = ? where id = ?")
			.params(state.name(), rejection, domainId).update();
	}

	void remove(long domainId) {
		jdbc.sql("delete from custom_domains where id = ?").param(domainId).update();
	}

	private static SiteDomain map(ResultSet rs, int row) throws SQLException {
		return new SiteDomain(rs.getLong("id"), rs.getLong("site_id"), rs.getString("site_name"), rs.getString("name"),
				rs.getString("token"), DomainState.valueOf(rs.getString("state")), rs.getString("rejection"),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("checked_at")),
				instant(rs.getTimestamp("proven_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
