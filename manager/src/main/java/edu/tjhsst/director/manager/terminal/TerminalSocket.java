package edu.tjhsst.director.manager.terminal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import edu.tjhsst.director.common.terminal.TerminalControl;
import edu.tjhsst.director.common.terminal.TerminalControlCodec;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.manager.remote.OrchestratorTerminal;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteHandshakeCheck;
import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.user.User;

/**
 * The web terminal's channel, {@code /live/terminal?site=<id>}: for each page, a shell in the site on the
 * orchestrator's terminal WebSocket, relayed both ways. From the page come text frames {@code
 * {"type":"input","data":"..."}} and {@code {"type":"resize","cols":80,"rows":24}}; to it go the shell's output as
 * binary frames and {@code {"type":"exit","code":0}} or {@code {"type":"error","message":"..."}} before the close.
 * When either side closes, so does the other.
 */
@Component
class TerminalSocket extends AbstractWebSocketHandler implements DisposableBean {

	/** The most terminals open at once through this manager; one more is told to try later. */
	static final int MAX_TERMINALS = 64;

	/** Output queued for a page beyond this ends the session: the page is not reading. */
	static final int MAX_PENDING_OUTPUT = 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(TerminalSocket.class);

	private final TerminalGrants grants;

	private final OrchestratorTerminal orchestrator;

	private final SiteRepository sites;

	private final CurrentUser currentUser;

	private final Map<String, TerminalRelay> relays = new ConcurrentHashMap<>();

	private final ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "terminal-pings");
		thread.setDaemon(true);
		return thread;
	});

	TerminalSocket(TerminalGrants grants, OrchestratorTerminal orchestrator, SiteRepository sites,
			CurrentUser currentUser) {
		this.grants = grants;
		this.orchestrator = orchestrator;
		this.sites = sites;
		this.currentUser = currentUser;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		long siteId = (Long) session.getAttributes().get(SiteHandshakeCheck.SITE_ID);
		TerminalRelay relay = new TerminalRelay(new PageOutput(session, MAX_PENDING_OUTPUT), pings);
		if (relays.size() >= MAX_TERMINALS) {
			relay.fail("Too many terminals are open right now; try again in a minute.");
			return;
		}
		relays.put(session.getId(), relay);
		Site site = sites.findById(siteId).orElse(null);
		User user = currentUser.of(session.getPrincipal());
		if (site == null) {
			relay.fail("The site no longer exists.");
			return;
		}
		String token;
		try {
			token = grants.mint(site, user, TerminalMode.SHELL, null, true);
		}
		catch (RuntimeException ex) {
			log.warn("no terminal grant for site {}: {}", siteId, ex.getMessage());
			relay.fail("The terminal could not be started.");
			return;
		}
		log.info("web terminal of {} in site {} opening", user.username(), site.name());
		relay.belongsTo(user.username(), site.name());
		orchestrator.open(token, relay).whenComplete((socket, failure) -> {
			if (failure != null) {
				log.warn("the orchestrator refused the terminal of site {}: {}", site.name(), failure.getMessage());
				relay.notConnected(failure);
				relay.fail("The app server did not open the terminal; try again.");
			}
			else {
				relay.connected(socket);
			}
		});
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
		TerminalRelay relay = relays.get(session.getId());
		if (relay == null) {
			return;
		}
		Optional<TerminalControl> control;
		try {
			control = TerminalControlCodec.decode(message.getPayload());
		}
		catch (IllegalArgumentException ex) {
			control = Optional.empty();
		}
		// A page may only type and resize; anything else it sends ends its session.
		if (control.orElse(null) instanceof TerminalControl.Input input) {
			relay.input(input.data());
		}
		else if (control.orElse(null) instanceof TerminalControl.Resize resize) {
			relay.control(resize);
		}
		else {
			relay.fail("The page sent a message the terminal does not understand.");
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		TerminalRelay relay = relays.remove(session.getId());
		if (relay != null) {
			relay.end(status);
		}
	}

	@Override
	public void destroy() {
		relays.values().forEach(relay -> relay.end(CloseStatus.GOING_AWAY));
		pings.shutdownNow();
	}

}
