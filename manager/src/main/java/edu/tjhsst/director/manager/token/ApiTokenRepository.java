package edu.tjhsst.director.manager.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores personal API tokens, by the hash of each, in PostgreSQL. */
@Repository
class ApiTokenRepository {

	private static final String COLUMNS =
			"id, user_id, name, scopes, created_at, expires_at, revoked_at, last_used_at, last_used_from";

	private final JdbcClient jdbc;

	ApiTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long create(long userId, String name, String hash, Set<Scope> scopes, Instant expiresAt) {
		return jdbc.sql("insert into api_tokens (user_id, name, token_hash, scopes, expires_at) values (?, ?, ?, ?, ?) "
				+ "returning id")
			.params(userId, name, hash, Scope.format(scopes), Timestamp.from(expiresAt)).query(Long.class).single();
	}

	/** The user's tokens, newest first, revoked and expired ones too (they say when they stopped working). */
	List<ApiToken> findByUser(long userId) {
		return jdbc.sql("select " + COLUMNS + " from api_tokens where user_id = ? order by created_at desc, id desc")
			.param(userId).query(ApiTokenRepository::map).list();
	}

	/** Holds the owner's row until the transaction ends, so that two requests cannot both pass the limits. */
	void lockOwner(long userId) {
		jdbc.sql("select id from users where id = ? for update").param(userId).query(Long.class).optional();
	}

	/** Removes the owner's tokens that stopped working (revoked or expired) before this moment. */
	void purgeStoppedBefore(long userId, Instant before) {
		jdbc.sql("delete from api_tokens where user_id = ? and (revoked_at < ? or expires_at < ?)")
			.params(userId, Timestamp.from(before), Timestamp.from(before)).update();
	}

	long countAll(long userId) {
		return jdbc.sql("select count(*) from api_tokens where user_id = ?").param(userId).query(Long.class).single();
	}

	long countActive(long userId, Instant now) {
		return jdbc.sql("select count(*) from api_tokens where user_id = ? and revoked_at is null and expires_at > ?")
			.params(userId, Timestamp.from(now)).query(Long.class).single();
	}

	Optional<ApiToken> findByHash(String hash) {
		return jdbc.sql("select " + COLUMNS + " from api_tokens where token_hash = ?").param(hash)
			.query(ApiTokenRepository::map).optional();
	}

	/** Revokes one of the user's tokens; false when the user has no such token that is not revoked already. */
	boolean revoke(long userId, long tokenId) {
		return jdbc.sql("update api_tokens set revoked_at = now() where id = ? and user_id = ? and revoked_at is null")
			.params(tokenId, userId).update() > 0;
	}

	/**
	 * Records a call. A script polling an operation calls many times a minute; the row is written only when the last
	 * record is a minute old or names another address, which keeps "last used" true to the minute.
	 */
	void recordUse(long tokenId, Instant at, String from) {
		jdbc.sql("update api_tokens set last_used_at = ?, last_used_from = ? where id = ? and (last_used_at is null "
				+ "or last_used_at < ? or last_used_from is distinct from ?)")
			.params(Timestamp.from(at), from, tokenId, Timestamp.from(at.minusSeconds(60)), from).update();
	}

	private static ApiToken map(ResultSet rs, int row) throws SQLException {
		return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"),
				Scope.parseAll(rs.getString("scopes")), instant(rs, "created_at"), instant(rs, "expires_at"),
				instant(rs, "revoked_at"), instant(rs, "last_used_at"), rs.getString("last_used_from"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
