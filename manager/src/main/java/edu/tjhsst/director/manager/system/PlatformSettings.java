package edu.tjhsst.director.manager.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Settings administrators change in the portal, one row per setting in {@code platform_settings}; a setting without a
 * row has its default, so a new setting needs no migration of its own.
 */
@Repository
public class PlatformSettings {

	private final JdbcClient jdbc;

	PlatformSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean flag(String name, boolean fallback) {
		return jdbc.sql("select value from platform_settings where name = ?").param(name).query(String.class)
			.optional().map(Boolean::parseBoolean).orElse(fallback);
	}

	public void setFlag(String name, boolean value) {
		jdbc.sql("insert into platform_settings (name, value) values (?, ?) on conflict (name) do update"
				+ " set value = excluded.value").params(name, Boolean.toString(value)).update();
	}

}
