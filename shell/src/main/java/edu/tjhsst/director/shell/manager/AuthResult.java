package edu.tjhsst.director.shell.manager;

/**
 * The manager's answer to a login attempt.
 * @param outcome accepted, rejected or blocked
 * @param message the manager's message for a rejection or a blocked account
 */
public record AuthResult(Outcome outcome, String message) {

	/** What became of the attempt. */
	public enum Outcome {
		ACCEPTED, REJECTED, BLOCKED
	}

}
