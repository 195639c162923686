package edu.tjhsst.director.shell.terminal;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import edu.tjhsst.director.common.terminal.TerminalControl;
import edu.tjhsst.director.common.terminal.TerminalControlCodec;

/** An open terminal WebSocket to the orchestrator; sends are serialized, since the WebSocket allows one at a time. */
public final class TerminalConnection implements AutoCloseable {

	private final WebSocket socket;

	TerminalConnection(WebSocket socket) {
		this.socket = socket;
	}

	/** Input for the session. */
	public synchronized void input(byte[] bytes, int length) {
		if (!socket.isOutputClosed()) {
			await(socket.sendBinary(ByteBuffer.wrap(bytes, 0, length), true));
		}
	}

	/** The terminal's new size. */
	public void resize(int cols, int rows) {
		text(new TerminalControl.Resize(cols, rows));
	}

	/** No more input. */
	public void eof() {
		text(new TerminalControl.Eof());
	}

	private synchronized void text(TerminalControl message) {
		if (!socket.isOutputClosed()) {
			await(socket.sendText(TerminalControlCodec.encode(message), true));
		}
	}

	private static void await(CompletableFuture<WebSocket> sent) {
		try {
			sent.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while sending to the terminal");
		}
		catch (ExecutionException | CompletionException ex) {
			throw new IllegalStateException("the terminal connection failed: " + ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the terminal stopped taking input");
		}
	}

	/** Ends the connection; the orchestrator then ends the session's process. */
	@Override
	public void close() {
		if (!socket.isOutputClosed()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "closed").orTimeout(5, TimeUnit.SECONDS)
				.whenComplete((ws, ex) -> socket.abort());
		}
		else {
			socket.abort();
		}
	}

}
