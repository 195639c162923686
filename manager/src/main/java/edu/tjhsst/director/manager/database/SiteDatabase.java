package edu.tjhsst.director.manager.database;

import java.time.Instant;

import edu.tjhsst.director.common.site.DatabaseAccess;

/**
 * A site's database on one of the hosts.
 * @param siteId the site
 * @param hostId the host it is on
 * @param name the database's name
 * @param username the site's own user (role)
 * @param password that user's password, decrypted
 * @param status how far it is made
 * @param createdAt when its owner asked for it
 */
public record SiteDatabase(long siteId, long hostId, String name, String username, String password, Status status,
		Instant createdAt) {

	/** How the site's process reaches it through this host. */
	public DatabaseAccess access(DatabaseHost host) {
		return new DatabaseAccess(host.engine(), host.sitesHost(), host.sitesPort(), name, username, password);
	}

	/** Keeps the password out of logs. */
	@Override
	public String toString() {
		return "SiteDatabase[site " + siteId + ", host " + hostId + ", " + username + "@" + name + ", " + status + "]";
	}

	/** CREATING until it exists; READY while the site uses it; DELETING once its owner asked to drop it. */
	public enum Status {

		CREATING, READY, DELETING

	}

}
