package edu.tjhsst.director.manager.database;

import edu.tjhsst.director.common.site.DatabaseEngine;

/**
 * What Director does on a database server as its admin user, for one engine. Every method connects with the host's
 * admin address and credentials, quotes or whitelists every identifier (names match
 * {@link edu.tjhsst.director.common.site.DatabaseAccess#IDENTIFIER}, passwords
 * {@link edu.tjhsst.director.common.site.DatabaseAccess#PASSWORD}), and throws {@link DatabaseException} with the
 * server's own message when it fails. Each is idempotent, so that a retried operation is safe.
 */
public interface DatabaseAdmin {

	DatabaseEngine engine();

	/** Connects as the admin user and returns the server's version, as "test connection" shows it. */
	String check(DatabaseHost host);

	/**
	 * Makes sure the user exists with this password and may log in, the database exists and belongs to (or is fully
	 * granted to) it, and nobody else may connect to it; existing ones are kept, with the password set again.
	 */
	void ensureDatabase(DatabaseHost host, String name, String username, String password);

	/** Sets the user's password; sessions already open keep running until they end. */
	void setPassword(DatabaseHost host, String username, String password);

	/** Ends the user's sessions, then drops the database and the user; either may already be gone. */
	void dropDatabase(DatabaseHost host, String name, String username);

	/** Whether the database or the user still exists on the server. */
	boolean exists(DatabaseHost host, String name, String username);

}
