package edu.tjhsst.director.orchestrator.terminal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.docker.DockerExecs;

/** The terminal WebSocket's handler: one {@link TerminalSession} per connection, with its heartbeat and lifetime. */
@Component
class TerminalHandler extends AbstractWebSocketHandler implements DisposableBean {

	private final DockerExecs execs;

	private final TerminalContainers containers;

	private final OrchestratorProperties properties;

	private final Map<String, Open> sessions = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "terminal-timers");
		thread.setDaemon(true);
		return thread;
	});

	TerminalHandler(DockerExecs execs, TerminalContainers containers, OrchestratorProperties properties) {
		this.execs = execs;
		this.containers = containers;
		this.properties = properties;
		Duration heartbeat = properties.terminal().heartbeat();
		timers.scheduleWithFixedDelay(() -> sessions.values().forEach(open -> open.session().heartbeat(heartbeat)),
				heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession socket) {
		TerminalSession session = new TerminalSession(socket, TokenHandshakeInterceptor.grant(socket.getAttributes()),
				execs, containers);
		Duration lifetime = properties.terminal().maxLifetime();
		ScheduledFuture<?> expiry = timers.schedule(() -> session.expire(lifetime), lifetime.toMillis(),
				TimeUnit.MILLISECONDS);
		sessions.put(socket.getId(), new Open(session, expiry));
		session.start();
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
		Open open = sessions.get(socket.getId());
		if (open != null) {
			byte[] bytes = new byte[message.getPayloadLength()];
			message.getPayload().get(bytes);
			open.session().input(bytes);
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
		Open open = sessions.get(socket.getId());
		if (open != null) {
			open.session().control(message.getPayload());
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession socket, PongMessage message) {
		Open open = sessions.get(socket.getId());
		if (open != null) {
			open.session().pong();
		}
	}

	@Override
	public void handleTransportError(WebSocketSession socket, Throwable exception) {
		end(socket, "transport error: " + exception.getMessage());
	}

	@Override
	public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
		end(socket, "the connection closed with " + status.getCode());
	}

	private void end(WebSocketSession socket, String why) {
		Open open = sessions.remove(socket.getId());
		if (open != null) {
			open.expiry().cancel(false);
			open.session().closed(why);
		}
	}

	@Override
	public void destroy() {
		timers.shutdownNow();
		sessions.values().forEach(open -> open.session().closed("the orchestrator is stopping"));
		sessions.clear();
	}

	/** A session and the timer that ends it when it has lasted too long. */
	private record Open(TerminalSession session, ScheduledFuture<?> expiry) {
	}

}
