package edu.tjhsst.director.manager.database;

/**
 * An owner's request about their site's database that cannot be done as asked; the message says why. A conflict is
 * a request that is right but not now (a second database, a password while the first is being made); otherwise the
 * request itself is wrong (no such server, the wrong confirmation).
 */
class DatabaseRequestException extends RuntimeException {

	private final boolean conflict;

	private DatabaseRequestException(String message, boolean conflict) {
		super(message);
		this.conflict = conflict;
	}

	static DatabaseRequestException invalid(String message) {
		return new DatabaseRequestException(message, false);
	}

	static DatabaseRequestException conflict(String message) {
		return new DatabaseRequestException(message, true);
	}

	boolean isConflict() {
		return conflict;
	}

}
