package edu.tjhsst.director.manager.database;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DatabaseEngine;

/** The admin of each engine. */
@Component
public class DatabaseAdmins {

	private final Map<DatabaseEngine, DatabaseAdmin> admins = new EnumMap<>(DatabaseEngine.class);

	DatabaseAdmins(List<DatabaseAdmin> admins) {
		admins.forEach(admin -> this.admins.put(admin.engine(), admin));
	}

	/** The admin for this host's engine. */
	public DatabaseAdmin of(DatabaseHost host) {
		DatabaseAdmin admin = admins.get(host.engine());
		if (admin == null) {
			throw new IllegalStateException("no admin for " + host.engine());
		}
		return admin;
	}

}
