package edu.tjhsst.director.manager.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores accounts in PostgreSQL. */
@Repository
public class UserRepository {

	private static final String COLUMNS = "id, username, email, full_name, role, enabled, created_at";

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<User> findByUsername(String username) {
		return jdbc.sql("select " + COLUMNS + " from users where username = ?").param(username)
			.query(UserRepository::map).optional();
	}

	public Optional<User> findById(long id) {
		return jdbc.sql("select " + COLUMNS + " from users where id = ?").param(id).query(UserRepository::map).optional();
	}

	public List<User> findAll() {
		return jdbc.sql("select " + COLUMNS + " from users order by username").query(UserRepository::map).list();
	}

	public boolean existsByUsername(String username) {
		return jdbc.sql("select count(*) from users where username = ?").param(username).query(Long.class).single() > 0;
	}

	public long count() {
		return jdbc.sql("select count(*) from users").query(Long.class).single();
	}

	/** Adds an account and returns its id; the password must already be hashed. */
	public long create(String username, String email, String fullName, Role role, String passwordHash) {
		return jdbc.sql("""
				insert into users (username, email, full_name, role, password_hash)
				values (?, ?, ?, ?, ?) returning id""")
			.params(username, email, fullName, role.name(), passwordHash)
			.query(Long.class).single();
	}

	/** Sets how many sites this user may have; null goes back to the platform's default. */
	public void setMaxSites(long userId, Integer maxSites) {
		jdbc.sql("update users set max_sites = ? where id = ?").params(maxSites, userId).update();
	}

	Optional<String> passwordHash(String username) {
		return jdbc.sql("select password_hash from users where username = ?").param(username).query(String.class).optional();
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		return new User(rs.getLong("id"), rs.getString("username"), rs.getString("email"), rs.getString("full_name"),
				Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getTimestamp("created_at").toInstant());
	}

}
