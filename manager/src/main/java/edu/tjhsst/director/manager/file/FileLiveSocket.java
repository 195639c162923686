package edu.tjhsst.director.manager.file;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.SiteFilesClient;

import edu.tjhsst.director.manager.site.SiteHandshakeCheck;

/**
 * Tells open editors when their site's files change on disk: while anyone watches a site, its fingerprint is
 * polled every 1.5 s, and a change sends {@code {"changed":true}} to every watcher.
 */
@Component
class FileLiveSocket extends TextWebSocketHandler {

	private static final long POLL_MILLIS = 1_500;

	private static final TextMessage CHANGED = new TextMessage("{\"changed\":true}");

	private static final Logger log = LoggerFactory.getLogger(FileLiveSocket.class);

	private final SiteFilesClient files;

	private final Map<Long, Set<WebSocketSession>> watchers = new ConcurrentHashMap<>();

	private final Map<Long, String> fingerprints = new ConcurrentHashMap<>();

	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "file-fingerprints");
		thread.setDaemon(true);
		return thread;
	});

	FileLiveSocket(SiteFilesClient files) {
		this.files = files;
		poller.scheduleWithFixedDelay(this::pollAll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		long siteId = (Long) session.getAttributes().get(SiteHandshakeCheck.SITE_ID);
		WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 5_000, 64 * 1024);
		watchers.computeIfAbsent(siteId, id -> ConcurrentHashMap.newKeySet()).add(safe);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		watchers.forEach((siteId, set) -> {
			set.removeIf(watcher -> watcher.getId().equals(session.getId()));
			if (set.isEmpty()) {
				watchers.remove(siteId, set);
				fingerprints.remove(siteId);
			}
		});
	}

	private void pollAll() {
		watchers.keySet().forEach(siteId -> {
			try {
				poll(siteId);
			}
			catch (RuntimeException ex) {
				log.debug("could not poll the files of site {}: {}", siteId, ex.getMessage());
			}
		});
	}

	private void poll(long siteId) {
		String fingerprint;
		try {
			fingerprint = files.fingerprint(siteId);
		}
		catch (ComponentCallException ex) {
			return;
		}
		String previous = fingerprints.put(siteId, fingerprint);
		Set<WebSocketSession> sessions = watchers.get(siteId);
		if (previous != null && !previous.equals(fingerprint) && sessions != null) {
			sessions.forEach(FileLiveSocket::send);
		}
	}

	private static void send(WebSocketSession session) {
		if (!session.isOpen()) {
			return;
		}
		try {
			session.sendMessage(CHANGED);
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("could not update a file editor: {}", ex.getMessage());
		}
	}

	@PreDestroy
	void stop() {
		poller.shutdownNow();
	}

}
