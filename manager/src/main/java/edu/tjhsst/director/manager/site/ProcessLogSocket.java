package edu.tjhsst.director.manager.site;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.ProcessStatus;

/**
 * Streams a site's process to its page: the last {@link SiteProcess#LOG_LINES} lines of its log, then each new line
 * as the process writes it, and its state every {@link #STATUS_EVERY_SECONDS} seconds. Each open page holds one
 * follow stream from the orchestrator, which is started again whenever it ends.
 */
@Component
class ProcessLogSocket extends TextWebSocketHandler implements DisposableBean {

	static final int STATUS_EVERY_SECONDS = 2;

	/** The most pages that may follow logs at once; one more is told to try later. */
	static final int MAX_FOLLOWERS = 64;

	/** The most lines sent in one message, so that a burst does not make one huge frame. */
	private static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(ProcessLogSocket.class);

	private final OrchestratorClient orchestrator;

	private final SiteProcess process;

	private final ObjectMapper json;

	private final SiteRepository sites;

	private final ThreadPoolExecutor followers = new ThreadPoolExecutor(0, MAX_FOLLOWERS, 30, TimeUnit.SECONDS,
			new SynchronousQueue<>(), runnable -> {
				Thread thread = new Thread(runnable, "process-log-follower");
				thread.setDaemon(true);
				return thread;
			});

	private final ScheduledExecutorService statuses = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "process-status");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, Watch> watches = new ConcurrentHashMap<>();

	ProcessLogSocket(OrchestratorClient orchestrator, SiteProcess process, ObjectMapper json, SiteRepository sites) {
		this.orchestrator = orchestrator;
		this.process = process;
		this.json = json;
		this.sites = sites;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		long siteId = (Long) session.getAttributes().get(SiteHandshakeCheck.SITE_ID);
		if (!sites.findById(siteId).map(Site::hasProcess).orElse(false)) {
			session.close(CloseStatus.POLICY_VIOLATION.withReason("this site has no process"));
			return;
		}
		Watch watch = new Watch(siteId, new ConcurrentWebSocketSessionDecorator(session, 10_000, 1024 * 1024));
		watches.put(session.getId(), watch);
		watch.status = statuses.scheduleWithFixedDelay(() -> sendStatus(watch), 0, STATUS_EVERY_SECONDS,
				TimeUnit.SECONDS);
		try {
			followers.execute(() -> follow(watch));
		}
		catch (RejectedExecutionException ex) {
			send(watch, Map.of("error", "Too many logs are being watched right now; reload the page in a minute."));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		Watch watch = watches.remove(session.getId());
		if (watch != null) {
			watch.stop();
		}
	}

	@Override
	public void destroy() {
		watches.values().forEach(Watch::stop);
		followers.shutdownNow();
		statuses.shutdownNow();
	}

	/** Follows the log until the page goes, opening the stream again whenever it ends. */
	private void follow(Watch watch) {
		if (!watch.claim(Thread.currentThread())) {
			return;
		}
		try {
			while (watch.session.isOpen()) {
				try (InputStream stream = orchestrator.followLogs(watch.siteId, SiteProcess.LOG_LINES)) {
					relay(watch, new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)));
				}
				catch (ComponentCallException | IOException | UncheckedIOException ex) {
					if (watch.session.isOpen()) {
						log.debug("log stream of site {} ended: {}", watch.siteId, ex.getMessage());
						send(watch, Map.of("error", "The log could not be read from the app server; trying again."));
					}
				}
				pause(3_000);
			}
		}
		finally {
			watch.release();
		}
	}

	/** Sends the stream's lines in batches; the first batch replaces what the page shows. */
	private void relay(Watch watch, BufferedReader reader) throws IOException {
		boolean first = true;
		List<String> batch = new ArrayList<>();
		String line;
		while ((line = reader.readLine()) != null && watch.session.isOpen()) {
			if (!line.isEmpty()) {
				batch.add(line);
			}
			if ((!reader.ready() || batch.size() >= BATCH) && (!batch.isEmpty() || first)) {
				Map<String, Object> message = new LinkedHashMap<>();
				message.put("reset", first);
				message.put("lines", batch);
				send(watch, message);
				first = false;
				batch = new ArrayList<>();
			}
		}
	}

	private void sendStatus(Watch watch) {
		if (!watch.session.isOpen()) {
			return;
		}
		ProcessStatus status = process.status(watch.siteId);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("state", status.state());
		body.put("detail", status.detail());
		body.put("needsHelp", status.needsHelp());
		send(watch, Map.of("status", body));
	}

	private void send(Watch watch, Object message) {
		if (!watch.session.isOpen()) {
			return;
		}
		try {
			watch.session.sendMessage(new TextMessage(json.writeValueAsString(message)));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("could not update a process view: {}", ex.getMessage());
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One open page: its site, its socket, its status timer and the thread that follows its log. */
	private static final class Watch {

		final long siteId;

		final WebSocketSession session;

		volatile ScheduledFuture<?> status;

		private Thread follower;

		private boolean stopped;

		Watch(long siteId, WebSocketSession session) {
			this.siteId = siteId;
			this.session = session;
		}

		/** Records the thread that follows the log; false when the page has gone already. */
		synchronized boolean claim(Thread thread) {
			follower = thread;
			return !stopped;
		}

		synchronized void release() {
			follower = null;
		}

		/**
		 * Ends the status timer and interrupts the follower, which ends its blocked read (closing a streamed
		 * response from another thread does not wake a reader).
		 */
		synchronized void stop() {
			stopped = true;
			ScheduledFuture<?> timer = status;
			if (timer != null) {
				timer.cancel(false);
			}
			if (follower != null) {
				follower.interrupt();
			}
		}

	}

}
