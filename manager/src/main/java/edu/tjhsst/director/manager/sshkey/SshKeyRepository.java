package edu.tjhsst.director.manager.sshkey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores people's SSH public keys in PostgreSQL. */
@Repository
public class SshKeyRepository {

	private static final String COLUMNS = "id, user_id, algorithm, key_blob, fingerprint, comment, created_at";

	private final JdbcClient jdbc;

	SshKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<SshKey> findByUser(long userId) {
		return jdbc.sql("select " + COLUMNS + " from ssh_keys where user_id = ? order by created_at, id").param(userId)
			.query(SshKeyRepository::map).list();
	}

	/** Whether this user has this key: same algorithm and same blob. */
	public boolean hasKey(long userId, SshPublicKey key) {
		return jdbc.sql("select count(*) from ssh_keys where user_id = ? and fingerprint = ? and algorithm = ? "
				+ "and key_blob = ?")
			.params(userId, key.fingerprint(), key.algorithm(), key.blob()).query(Long.class).single() > 0;
	}

	/** Adds a key; false when the user has it already. */
	boolean add(long userId, SshPublicKey key) {
		return jdbc.sql("insert into ssh_keys (user_id, algorithm, key_blob, fingerprint, comment) "
				+ "values (?, ?, ?, ?, ?) on conflict (user_id, fingerprint) do nothing")
			.params(userId, key.algorithm(), key.blob(), key.fingerprint(), key.comment()).update() > 0;
	}

	/** Removes one of the user's keys; false when the user has no key with this id. */
	boolean remove(long userId, long keyId) {
		return jdbc.sql("delete from ssh_keys where id = ? and user_id = ?").params(keyId, userId).update() > 0;
	}

	private static SshKey map(ResultSet rs, int row) throws SQLException {
		return new SshKey(rs.getLong("id"), rs.getLong("user_id"), rs.getString("algorithm"), rs.getString("key_blob"),
				rs.getString("fingerprint"), rs.getString("comment"), rs.getTimestamp("created_at").toInstant());
	}

}
