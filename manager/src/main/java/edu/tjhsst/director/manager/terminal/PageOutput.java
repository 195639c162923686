package edu.tjhsst.director.manager.terminal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What goes to a terminal's page: messages in the order given and then the close, one at a time, sent by whichever
 * thread finds the page idle (the others only queue). Spring's {@code ConcurrentWebSocketSessionDecorator} is not
 * used because its close does not wait for the messages queued before it: a page could see its terminal end without
 * the error that said why.
 */
final class PageOutput {

	/** A send to the page taking longer than this means the page is not reading. */
	static final long SEND_TIME_LIMIT_MILLIS = 10_000;

	private static final Logger log = LoggerFactory.getLogger(PageOutput.class);

	private final WebSocketSession page;

	private final int maxPending;

	private final Queue<WebSocketMessage<?>> queue = new ArrayDeque<>();

	/** The bytes queued and not yet sent. */
	private long pending;

	/** Once set, nothing more is queued and the page is closed with it after what was queued before. */
	private CloseStatus close;

	/** Whether a thread is sending what is queued. */
	private boolean sending;

	/** When the send under way started, in nanoseconds; 0 when none is. */
	private long sendStarted;

	/** @param maxPending the bytes a page may have waiting for it before it counts as not reading */
	PageOutput(WebSocketSession page, int maxPending) {
		this.page = page;
		this.maxPending = maxPending;
	}

	boolean isOpen() {
		return page.isOpen();
	}

	/**
	 * Queues a message for the page, and sends it (and what else is queued) unless another thread is sending.
	 * @return false, with nothing queued, when the page is not reading: too much waits for it, or a send has taken
	 *     too long; the caller should end the session
	 */
	boolean send(WebSocketMessage<?> message) {
		synchronized (this) {
			if (close != null) {
				return true;
			}
			boolean stuck = sendStarted != 0
					&& System.nanoTime() - sendStarted > TimeUnit.MILLISECONDS.toNanos(SEND_TIME_LIMIT_MILLIS);
			if (stuck || pending + message.getPayloadLength() > maxPending) {
				return false;
			}
			queue.add(message);
			pending += message.getPayloadLength();
			if (!claim()) {
				return true;
			}
		}
		drain();
		return true;
	}

	/**
	 * Closes the page after what was queued before, once; {@link CloseStatus#SESSION_NOT_RELIABLE} drops what is
	 * queued (the page is not reading it).
	 */
	void close(CloseStatus status) {
		synchronized (this) {
			if (close != null) {
				return;
			}
			close = status;
			if (status.equals(CloseStatus.SESSION_NOT_RELIABLE)) {
				queue.clear();
				pending = 0;
			}
			if (!claim()) {
				return;
			}
		}
		drain();
	}

	/** Makes this thread the sending one, unless another is. */
	private boolean claim() {
		if (sending) {
			return false;
		}
		sending = true;
		return true;
	}

	/** Sends what is queued, then the close if it was asked for; only the thread that claimed the sending runs it. */
	private void drain() {
		while (true) {
			WebSocketMessage<?> message;
			CloseStatus status = null;
			synchronized (this) {
				message = queue.poll();
				if (message == null) {
					status = close;
					if (status == null) {
						sending = false;
						return;
					}
				}
				else {
					pending -= message.getPayloadLength();
					sendStarted = System.nanoTime();
				}
			}
			if (message == null) {
				closePage(status);
				return;
			}
			try {
				page.sendMessage(message);
			}
			catch (IOException | RuntimeException ex) {
				// The page is gone or broken: what is queued cannot reach it either. Closing it ends the session.
				log.debug("could not write to a terminal page: {}", ex.getMessage());
				synchronized (this) {
					queue.clear();
					pending = 0;
					close = CloseStatus.SESSION_NOT_RELIABLE;
				}
			}
			finally {
				synchronized (this) {
					sendStarted = 0;
				}
			}
		}
	}

	/** The last step: the close goes after every message, and nothing is sent after it. */
	private void closePage(CloseStatus status) {
		try {
			page.close(status);
		}
		catch (IOException | RuntimeException ex) {
			log.debug("could not close a terminal page: {}", ex.getMessage());
		}
	}

}
