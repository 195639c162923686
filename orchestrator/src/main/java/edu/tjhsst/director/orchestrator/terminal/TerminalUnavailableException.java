package edu.tjhsst.director.orchestrator.terminal;

/** A terminal session cannot start; the message is safe to show the user. */
final class TerminalUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	TerminalUnavailableException(String message) {
		super(message);
	}

}
