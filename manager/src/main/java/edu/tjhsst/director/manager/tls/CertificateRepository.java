package edu.tjhsst.director.manager.tls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores certificates in PostgreSQL; the key only ever as SecretBox sealed it. */
@Repository
class CertificateRepository {

	private static final String SELECT = "select host_name, site_id, state, not_after, last_error, failures,"
			+ " next_attempt_at from certificates";

	private static final int MAX_ERROR = 1000;

	private final JdbcClient jdbc;

	CertificateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every host name that should have a certificate: active custom domains, the portal's name if it has one, and,
	 * when {@code sitesDomain} is given, each site's own name under it.
	 */
	List<WantedName> wanted(String portalHost, String sitesDomain) {
		List<WantedName> names = new java.util.ArrayList<>(jdbc
			.sql("select name, site_id from custom_domains where state = 'ACTIVE' order by id")
			.query((rs, n) -> new WantedName(rs.getString("name"), rs.getLong("site_id"))).list());
		if (sitesDomain != null) {
			names.addAll(jdbc.sql("select name || '.' || ? as host, id from sites order by id").param(sitesDomain)
				.query((rs, n) -> new WantedName(rs.getString("host"), rs.getLong("id"))).list());
		}
		if (!portalHost.isEmpty()) {
			names.add(new WantedName(portalHost, null));
		}
		return names;
	}

	/**
	 * Adds a pending row for the name unless it has one. A name served again within a week of being dropped gets its
	 * row back, certificate, failures and all, and the router is given the certificate again; a name that moved to
	 * another site follows it.
	 */
	void want(WantedName name) {
		jdbc.sql("insert into certificates (host_name, site_id, state) values (?, ?, 'PENDING') on conflict (host_name)"
				+ " do update set site_id = excluded.site_id, dropped_at = null, installed = false"
				+ " where certificates.site_id is distinct from excluded.site_id or certificates.dropped_at is not null")
			.params(name.hostName(), name.siteId()).update();
	}

	/** The names served now. */
	List<String> servedNames() {
		return jdbc.sql("select host_name from certificates where dropped_at is null order by host_name")
			.query(String.class).list();
	}

	/** Marks a name as no longer served; its row stays a week. */
	void drop(String hostName) {
		jdbc.sql("update certificates set dropped_at = now(), installed = false where host_name = ?").param(hostName)
			.update();
	}

	/** Forgets names dropped before the given time. */
	int purgeDropped(Instant before) {
		return jdbc.sql("delete from certificates where dropped_at < ?").param(Timestamp.from(before)).update();
	}

	/** The served names whose next attempt is due, longest waiting first. */
	List<CertificateRecord> due(Instant now, int limit) {
		return jdbc.sql(SELECT + " where dropped_at is null and next_attempt_at <= ? order by next_attempt_at limit ?")
			.params(Timestamp.from(now), limit).query(CertificateRepository::map).list();
	}

	/** Served names with an unexpired certificate the router has not taken yet. */
	List<String> notInstalled(Instant now) {
		return jdbc.sql("select host_name from certificates where dropped_at is null and chain_pem is not null"
				+ " and not installed and not_after > ? order by host_name").param(Timestamp.from(now))
			.query(String.class).list();
	}

	/** Names whose certificate the router has, though it has expired. */
	List<String> expiredInstalled(Instant now) {
		return jdbc.sql("select host_name from certificates where installed and not_after <= ? order by host_name")
			.param(Timestamp.from(now)).query(String.class).list();
	}

	/** Served sites' names whose certificate is not this chain. */
	List<String> siteNamesWithout(String chainPem) {
		return jdbc.sql("select host_name from certificates where dropped_at is null and site_id is not null"
				+ " and chain_pem is distinct from ? order by host_name").param(chainPem).query(String.class).list();
	}

	/** The chain and sealed key of a name's certificate. */
	Optional<Stored> stored(String hostName) {
		return jdbc.sql("select chain_pem, key_sealed from certificates where host_name = ? and chain_pem is not null")
			.param(hostName).query((rs, n) -> new Stored(rs.getString(1), rs.getString(2))).optional();
	}

	void saveIssued(String hostName, String chainPem, String keySealed, Instant notAfter, Instant nextAttemptAt) {
		jdbc.sql("update certificates set state = 'VALID', chain_pem = ?, key_sealed = ?, not_after = ?, last_error = null,"
				+ " failures = 0, next_attempt_at = ?, installed = false, updated_at = now() where host_name = ?")
			.params(chainPem, keySealed, Timestamp.from(notAfter), Timestamp.from(nextAttemptAt), hostName).update();
	}

	void postpone(String hostName, Instant nextAttemptAt) {
		jdbc.sql("update certificates set next_attempt_at = ? where host_name = ?")
			.params(Timestamp.from(nextAttemptAt), hostName).update();
	}

	void saveFailure(String hostName, String error, Instant nextAttemptAt) {
		jdbc.sql("update certificates set state = 'FAILED', last_error = ?, failures = failures + 1,"
				+ " next_attempt_at = ?, updated_at = now() where host_name = ?")
			.params(truncate(error), Timestamp.from(nextAttemptAt), hostName).update();
	}

	void markInstalled(String hostName, boolean installed, String error) {
		jdbc.sql("update certificates set installed = ?, last_error = coalesce(?, last_error) where host_name = ?")
			.params(installed, error == null ? null : truncate(error), hostName).update();
	}

	List<CertificateRecord> findBySite(long siteId) {
		return jdbc.sql(SELECT + " where site_id = ? and dropped_at is null order by host_name").param(siteId)
			.query(CertificateRepository::map).list();
	}

	List<CertificateRecord> findAll() {
		return jdbc.sql(SELECT + " where dropped_at is null order by host_name").query(CertificateRepository::map).list();
	}

	private static String truncate(String text) {
		return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
	}

	private static CertificateRecord map(ResultSet rs, int row) throws SQLException {
		long siteId = rs.getLong("site_id");
		Long site = rs.wasNull() ? null : siteId;
		return new CertificateRecord(rs.getString("host_name"), site, CertificateState.valueOf(rs.getString("state")),
				instant(rs.getTimestamp("not_after")), rs.getString("last_error"), rs.getInt("failures"),
				instant(rs.getTimestamp("next_attempt_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** A name that should have a certificate, and its site (null for the portal). */
	record WantedName(String hostName, Long siteId) {
	}

	/** A certificate's chain and its sealed key. */
	record Stored(String chainPem, String keySealed) {
	}

}
