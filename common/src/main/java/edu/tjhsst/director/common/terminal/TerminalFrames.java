package edu.tjhsst.director.common.terminal;

/**
 * The orchestrator's terminal WebSocket, {@code GET /terminal?token=<token>} with the caller's signature headers on
 * the handshake. Binary frames from the client are the session's input, as is. Binary frames to the client start
 * with one byte naming the stream ({@link #STDOUT} or {@link #STDERR}; a session on a terminal only has standard
 * output), followed by its bytes. Text frames are {@link TerminalControl} messages, written and read by
 * {@link TerminalControlCodec}: from the client a resize or the end of input; to the client the exit code or an error,
 * each followed by the close.
 */
public final class TerminalFrames {

	/** The path of the terminal WebSocket on the orchestrator. */
	public static final String PATH = "/terminal";

	/** The query parameter that carries the token. */
	public static final String TOKEN_PARAMETER = "token";

	/** The first byte of a frame of standard output. */
	public static final byte STDOUT = 1;

	/** The first byte of a frame of standard error. */
	public static final byte STDERR = 2;

	private TerminalFrames() {
	}

}
