package edu.tjhsst.director.manager.database;

/** An owner's request about their site's database that cannot be done as asked; the message says why. */
class DatabaseRequestException extends RuntimeException {

	DatabaseRequestException(String message) {
		super(message);
	}

}
