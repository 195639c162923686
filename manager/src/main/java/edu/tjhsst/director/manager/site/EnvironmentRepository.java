package edu.tjhsst.director.manager.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores the environment variables of sites in PostgreSQL. */
@Repository
class EnvironmentRepository {

	private final JdbcClient jdbc;

	EnvironmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<EnvironmentVariable> findBySite(long siteId) {
		return jdbc.sql("select name, value, secret from site_env where site_id = ? order by name").param(siteId)
			.query((rs, row) -> new EnvironmentVariable(rs.getString("name"), rs.getString("value"),
					rs.getBoolean("secret")))
			.list();
	}

	/** The variables as a spec carries them, sorted by name. */
	Map<String, String> asMap(long siteId) {
		Map<String, String> env = new LinkedHashMap<>();
		findBySite(siteId).forEach(variable -> env.put(variable.name(), variable.value()));
		return env;
	}

	/** Adds the variable, or replaces the value and secrecy of the one with its name. */
	void save(long siteId, EnvironmentVariable variable) {
		jdbc.sql("insert into site_env (site_id, name, value, secret) values (?, ?, ?, ?) "
				+ "on conflict (site_id, name) do update set value = excluded.value, secret = excluded.secret")
			.params(siteId, variable.name(), variable.value(), variable.secret()).update();
	}

	/** Removes the variable and says whether there was one. */
	boolean delete(long siteId, String name) {
		return jdbc.sql("delete from site_env where site_id = ? and name = ?").params(siteId, name).update() > 0;
	}

}
