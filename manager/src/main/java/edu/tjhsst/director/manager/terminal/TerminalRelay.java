package edu.tjhsst.director.manager.terminal;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

import edu.tjhsst.director.common.terminal.TerminalControl;
import edu.tjhsst.director.common.terminal.TerminalControlCodec;
import edu.tjhsst.director.common.terminal.TerminalFrames;

/** One page's terminal session: the page's socket, the orchestrator's, and what is waiting to be sent to it. */
final class TerminalRelay implements WebSocket.Listener {

	/** Input queued for the orchestrator beyond this ends the session: it is not reading. */
	static final int MAX_PENDING_INPUT = 256 * 1024;

	/** The longest control message accepted from the orchestrator. */
	private static final int MAX_CONTROL = 64 * 1024;

	/**
	 * How often the orchestrator's side is pinged. The JDK's WebSocket (17.0.15) can miss the end of the stream when
	 * the connection goes without a close frame while a listener method runs, and then never calls onClose; a ping
	 * that cannot be written is how the relay still notices, within three of these (the first write after the end
	 * of the stream usually succeeds).
	 */
	static final long PING_SECONDS = 2;

	private static final Logger log = LoggerFactory.getLogger(TerminalRelay.class);

	private final PageOutput page;

	/** Where the pings to the orchestrator's side are scheduled; the socket handler's, which shuts it down. */
	private final ScheduledExecutorService pings;

	private final AtomicBoolean ended = new AtomicBoolean();

	private final AtomicLong pendingInput = new AtomicLong();

	private final StringBuilder control = new StringBuilder();

	/** Whether the next binary fragment starts a frame, and so with its stream byte. */
	private boolean frameStart = true;

	/** Completes when the orchestrator's side is open. */
	private final CompletableFuture<WebSocket> connection = new CompletableFuture<>();

	/**
	 * Sends to the orchestrator, one after the other (its WebSocket takes one send at a time); what the page
	 * sends before the orchestrator's side is open waits for it.
	 */
	private CompletableFuture<WebSocket> sends = connection;

	private volatile WebSocket socket;

	private volatile ScheduledFuture<?> heartbeat;

	private volatile String siteName;

	private volatile String username;

	TerminalRelay(PageOutput page, ScheduledExecutorService pings) {
		this.page = page;
		this.pings = pings;
	}

	/** Names the session's user and site, for the log line of its close. */
	void belongsTo(String username, String siteName) {
		this.siteName = siteName;
		this.username = username;
	}

	void connected(WebSocket socket) {
		this.socket = socket;
		if (ended.get() || !page.isOpen()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "the page went away");
			return;
		}
		connection.complete(socket);
		heartbeat = pings.scheduleWithFixedDelay(() -> queue(0, open -> open.sendPing(ByteBuffer.allocate(0))),
				PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
		if (ended.get()) {
			heartbeat.cancel(false);
		}
	}

	/** Drops what waited for the orchestrator's side, which will not open. */
	void notConnected(Throwable failure) {
		connection.completeExceptionally(failure);
	}

	void input(String data) {
		byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
		queue(bytes.length, socket -> socket.sendBinary(ByteBuffer.wrap(bytes), true));
	}

	void control(TerminalControl control) {
		String text = TerminalControlCodec.encode(control);
		queue(text.length(), socket -> socket.sendText(text, true));
	}

	private synchronized void queue(int size, Function<WebSocket, CompletableFuture<WebSocket>> send) {
		if (ended.get()) {
			return;
		}
		if (pendingInput.addAndGet(size) > MAX_PENDING_INPUT) {
			fail("The terminal is not keeping up with the input; it was closed.");
			return;
		}
		sends = sends.thenCompose(socket -> send.apply(socket).whenComplete((done, failure) -> {
			pendingInput.addAndGet(-size);
			if (failure != null) {
				fail("The connection to the app server was lost.");
			}
		}));
	}

	@Override
	public void onOpen(WebSocket socket) {
		socket.request(1);
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
		if (frameStart && data.hasRemaining()) {
			byte stream = data.get();
			if (stream != TerminalFrames.STDOUT && stream != TerminalFrames.STDERR) {
				log.debug("unknown terminal stream {}", stream);
			}
		}
		frameStart = last;
		if (data.hasRemaining()) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			if (!page.send(new BinaryMessage(bytes))) {
				log.debug("a terminal page is not reading its output");
				end(CloseStatus.SESSION_NOT_RELIABLE);
				return null;
			}
		}
		// Ask for the next frame only once this one is on its way to the page: the page's pace limits ours.
		socket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
		if (control.length() + data.length() > MAX_CONTROL) {
			fail("The app server sent a message that is too long.");
			return null;
		}
		control.append(data);
		if (last) {
			String text = control.toString();
			control.setLength(0);
			controlFromOrchestrator(text);
		}
		socket.request(1);
		return null;
	}

	private void controlFromOrchestrator(String text) {
		Optional<TerminalControl> control;
		try {
			control = TerminalControlCodec.decode(text);
		}
		catch (IllegalArgumentException ex) {
			fail("The app server sent a message the terminal does not understand.");
			return;
		}
		// The page hears the same exit and error messages as the orchestrator sent; anything else is not for it.
		if (control.orElse(null) instanceof TerminalControl.Exit exit) {
			finish(TerminalControlCodec.encode(exit));
		}
		else if (control.orElse(null) instanceof TerminalControl.Failure failure) {
			fail(failure.message());
		}
	}

	@Override
	public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
		if (statusCode == CloseStatus.NO_CLOSE_FRAME.getCode()) {
			// The connection went without a close frame: the shell did not end, the way to it broke.
			fail("The connection to the app server was lost.");
			return null;
		}
		end(CloseStatus.NORMAL);
		return null;
	}

	@Override
	public void onError(WebSocket socket, Throwable error) {
		log.debug("terminal connection to the orchestrator failed: {}", error.getMessage());
		fail("The connection to the app server was lost.");
	}

	/** Tells the page what went wrong and ends the session. */
	void fail(String message) {
		finish(TerminalControlCodec.encode(new TerminalControl.Failure(message)));
	}

	/** Ends the session with a last control message for the page, which it gets before the close. */
	private void finish(String lastMessage) {
		end(CloseStatus.NORMAL, lastMessage);
	}

	/** Closes both sides, once. */
	void end(CloseStatus status) {
		end(status, null);
	}

	/** Closes both sides, once; only the call that ends the session sends its last message, just before the close. */
	private void end(CloseStatus status, String lastMessage) {
		if (!ended.compareAndSet(false, true)) {
			return;
		}
		if (username != null) {
			log.info("web terminal of {} in site {} closed", username, siteName);
		}
		if (lastMessage != null) {
			page.send(new TextMessage(lastMessage));
		}
		page.close(status);
		ScheduledFuture<?> beating = heartbeat;
		if (beating != null) {
			beating.cancel(false);
		}
		closeOrchestrator();
	}

	/** Closes the orchestrator's side, and aborts it if it does not close within a few seconds. */
	private void closeOrchestrator() {
		WebSocket current = socket;
		if (current == null || current.isOutputClosed() && current.isInputClosed()) {
			return;
		}
		synchronized (this) {
			sends = sends.thenCompose(open -> open.sendClose(WebSocket.NORMAL_CLOSURE, "closed"));
		}
		CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(current::abort);
	}

}
