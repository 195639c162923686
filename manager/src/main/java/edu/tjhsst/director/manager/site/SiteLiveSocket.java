package edu.tjhsst.director.manager.site;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import edu.tjhsst.director.manager.operation.Action;
import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationProgress;
import edu.tjhsst.director.manager.operation.Operations;

/** Pushes a site's latest operation, action by action, to the site's page while it is open. */
@Component
class SiteLiveSocket extends TextWebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(SiteLiveSocket.class);

	private final Operations operations;

	private final ObjectMapper json;

	private final Map<Long, Set<WebSocketSession>> watchers = new ConcurrentHashMap<>();

	SiteLiveSocket(Operations operations, ObjectMapper json) {
		this.operations = operations;
		this.json = json;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		long siteId = (Long) session.getAttributes().get(SiteHandshakeCheck.SITE_ID);
		WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 5_000, 256 * 1024);
		watchers.computeIfAbsent(siteId, id -> ConcurrentHashMap.newKeySet()).add(safe);
		send(safe, snapshot(siteId));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		watchers.values().forEach(set -> set.removeIf(watcher -> watcher.getId().equals(session.getId())));
	}

	@EventListener
	void onProgress(OperationProgress progress) {
		Set<WebSocketSession> sessions = watchers.get(progress.siteId());
		if (sessions == null || sessions.isEmpty()) {
			return;
		}
		String message = snapshot(progress.siteId());
		sessions.forEach(session -> send(session, message));
	}

	private String snapshot(long siteId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("operation", operations.latest(siteId).map(SiteLiveSocket::describe).orElse(null));
		try {
			return json.writeValueAsString(body);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> describe(Operation operation) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", operation.id());
		body.put("label", operation.kind().label());
		body.put("status", operation.status().name());
		List<Map<String, Object>> actions = operation.actions().stream().map(SiteLiveSocket::describe).toList();
		body.put("actions", actions);
		return body;
	}

	private static Map<String, Object> describe(Action action) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("position", action.position());
		body.put("title", action.title());
		body.put("status", action.status().name());
		body.put("durationMillis", action.durationMillis());
		body.put("message", action.message());
		return body;
	}

	private static void send(WebSocketSession session, String message) {
		if (!session.isOpen()) {
			return;
		}
		try {
			session.sendMessage(new TextMessage(message));
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("could not update a live page: {}", ex.getMessage());
		}
	}

}
