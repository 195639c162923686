package edu.tjhsst.director.manager.database;

/** A database server refused or could not be reached; the message is for the user (the server's own words). */
public class DatabaseException extends RuntimeException {

	public DatabaseException(String message) {
		super(message);
	}

	public DatabaseException(String message, Throwable cause) {
		super(message, cause);
	}

}
