package edu.tjhsst.director.common.terminal;

/**
 * A control message of a terminal WebSocket, sent as a text frame of JSON with its {@code type} first (see
 * {@link TerminalFrames} for the orchestrator's socket and {@link TerminalControlCodec} for the bytes). The manager's
 * web terminal page speaks the same messages, plus {@link Input}.
 */
public sealed interface TerminalControl {

	/** The largest terminal width or height, in characters, that a {@link Resize} may carry. */
	int MAX_SIZE = 1000;

	/** What a {@link Failure} without a message says. */
	String UNKNOWN_FAILURE = "the terminal failed";

	/**
	 * Typed input, only from the web terminal's page to the manager ({@code {"type":"input","data":"..."}}); the
	 * orchestrator takes input as binary frames.
	 */
	record Input(String data) implements TerminalControl {
	}

	/** The terminal's new size, to the orchestrator: {@code {"type":"resize","cols":80,"rows":24}}. */
	record Resize(int cols, int rows) implements TerminalControl {
	}

	/** No more input, to the orchestrator: {@code {"type":"eof"}}. */
	record Eof() implements TerminalControl {
	}

	/** The session's process ended with this code, from the orchestrator: {@code {"type":"exit","code":0}}. */
	record Exit(long code) implements TerminalControl {
	}

	/** The session failed, from the orchestrator: {@code {"type":"error","message":"..."}}; a person reads it. */
	record Failure(String message) implements TerminalControl {
	}

}
