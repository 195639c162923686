package edu.tjhsst.director.manager.database;

import edu.tjhsst.director.common.site.DatabaseEngine;

/**
 * A database server sites' databases are made on.
 * @param id its id
 * @param name what administrators and owners see, such as "Embedded PostgreSQL"
 * @param engine PostgreSQL or MySQL/MariaDB
 * @param adminHost where the manager reaches it
 * @param adminPort the port there
 * @param adminUsername a user that may create databases and users
 * @param adminPassword that user's password, decrypted
 * @param sitesHost where sites' containers reach it
 * @param sitesPort the port there
 * @param embedded whether it is the PostgreSQL the manager runs itself
 * @param enabled whether it is offered for new databases
 */
public record DatabaseHost(long id, String name, DatabaseEngine engine, String adminHost, int adminPort,
		String adminUsername, String adminPassword, String sitesHost, int sitesPort, boolean embedded,
		boolean enabled) {

	/** Keeps the admin password out of logs. */
	@Override
	public String toString() {
		return "DatabaseHost[" + id + " " + name + " " + engine + " " + adminUsername + "@" + adminHost + ":" + adminPort
				+ ", sites at " + sitesHost + ":" + sitesPort + (embedded ? ", embedded" : "")
				+ (enabled ? "" : ", disabled") + "]";
	}

}
