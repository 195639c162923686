package edu.tjhsst.director.common.terminal;

/** A terminal token that is not accepted: forged, malformed, expired or used before. */
public final class TerminalTokenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TerminalTokenException(String message) {
		super(message);
	}

}
