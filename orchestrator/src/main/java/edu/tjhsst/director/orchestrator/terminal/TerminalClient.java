package edu.tjhsst.director.orchestrator.terminal;

import java.io.IOException;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import edu.tjhsst.director.common.terminal.TerminalControl;
import edu.tjhsst.director.common.terminal.TerminalControlCodec;
import edu.tjhsst.director.common.terminal.TerminalFrames;

/**
 * The client's end of a terminal session's WebSocket, in the frames of {@link TerminalFrames}. Sends go one at a time,
 * as the WebSocket allows; only output may throw, so that the relay of a gone client stops.
 */
final class TerminalClient {

	private final WebSocketSession socket;

	private final Object sendLock = new Object();

	TerminalClient(WebSocketSession socket) {
		this.socket = socket;
	}

	String id() {
		return socket.getId();
	}

	/** Bytes the process wrote to a stream (1 standard output, 2 standard error), as one binary frame. */
	void output(byte stream, byte[] bytes) throws IOException {
		byte[] frame = new byte[bytes.length + 1];
		frame[0] = stream == 2 ? TerminalFrames.STDERR : TerminalFrames.STDOUT;
		System.arraycopy(bytes, 0, frame, 1, bytes.length);
		send(new BinaryMessage(frame));
	}

	/** Sends a control message; false when it could not be sent. */
	boolean control(TerminalControl message) {
		return trySend(new TextMessage(TerminalControlCodec.encode(message)));
	}

	/** Pings the client; false when the ping could not be sent. */
	boolean ping() {
		return trySend(new PingMessage());
	}

	/** Closes the WebSocket, if it is not closed already. */
	void close(CloseStatus status) {
		try {
			socket.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// Already closed.
		}
	}

	private boolean trySend(WebSocketMessage<?> message) {
		try {
			send(message);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private void send(WebSocketMessage<?> message) throws IOException {
		synchronized (sendLock) {
			socket.sendMessage(message);
		}
	}

}
