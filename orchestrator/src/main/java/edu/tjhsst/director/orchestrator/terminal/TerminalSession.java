package edu.tjhsst.director.orchestrator.terminal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import edu.tjhsst.director.common.terminal.TerminalControl;
import edu.tjhsst.director.common.terminal.TerminalControlCodec;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.orchestrator.docker.DockerExecs;
import edu.tjhsst.director.orchestrator.docker.ExecConnection;

/**
 * One terminal session: an exec in the site's terminal container relayed over one WebSocket. It ends once, whichever
 * end goes first: when the process's output ends its exit code is sent and the WebSocket closed; when the WebSocket
 * closes (or outlives its lifetime, or stops answering pings) the process and everything it started are killed.
 */
final class TerminalSession {

	static final String SITE_DIR = "/site";

	static final String HOME = SITE_DIR + "/.home";

	private static final Logger log = LoggerFactory.getLogger(TerminalSession.class);

	private final TerminalClient client;

	private final TerminalGrant grant;

	private final TerminalExecs execs;

	private final TerminalContainers containers;

	private final Instant opened = Instant.now();

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile boolean acquired;

	private volatile String execId;

	private volatile ExecConnection connection;

	private volatile Instant lastPong = Instant.now();

	/** Whether the container's session count was given back; guarded by this. */
	private boolean released;

	TerminalSession(WebSocketSession socket, TerminalGrant grant, DockerExecs docker, TerminalContainers containers) {
		this.client = new TerminalClient(socket);
		this.grant = grant;
		this.execs = new TerminalExecs(docker);
		this.containers = containers;
	}

	/** Starts the exec and the relay of its output; on failure, tells the client and closes. */
	void start() {
		try {
			String container = containers.acquire(grant);
			acquired = true;
			execId = execs.create(container, grant, environment(grant));
			connection = execs.attach(container, execId, grant.tty());
		}
		catch (TerminalUnavailableException ex) {
			fail(ex.getMessage());
			return;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("cannot start a terminal session in site {}: {}", grant.siteId(), ex.toString());
			fail("the terminal cannot be started right now");
			return;
		}
		log.info("terminal session started: site {} ({}), user {}, mode {}{}", grant.siteId(), grant.siteName(),
				grant.user(), grant.mode(), grant.tty() ? " on a terminal" : "");
		if (ended.get()) {
			// The WebSocket closed while the exec was starting.
			killAndClose();
			return;
		}
		Thread relay = new Thread(this::relayOutput, "terminal-" + grant.siteId() + "-" + client.id());
		relay.setDaemon(true);
		relay.start();
	}

	/** The exec's environment; the names in it were checked by the grant's whitelist. */
	static List<String> environment(TerminalGrant grant) {
		List<String> env = new ArrayList<>();
		env.add("HOME=" + HOME);
		env.add("USER=" + grant.user());
		env.add("DIRECTOR_SITE_NAME=" + grant.siteName());
		env.add("DIRECTOR_SITE_ID=" + grant.siteId());
		// The same database variables as the site's process, so that `psql "$DATABASE_URL"` works in a terminal.
		if (grant.database() != null) {
			grant.database().env().forEach((name, value) -> env.add(name + "=" + value));
		}
		if (grant.tty()) {
			env.add("TERM=xterm-256color");
		}
		if (grant.mode() == TerminalMode.SHELL) {
			String prompt = grant.user() + "@" + grant.siteName() + ":\\w$ ";
			env.add("PS1=" + prompt);
			// Debian's /etc/bash.bashrc sets its own prompt; this puts ours back once, before the first prompt.
			env.add("PROMPT_COMMAND=PS1='" + prompt + "'; unset PROMPT_COMMAND");
		}
		return env;
	}

	/** Input from the client, as is. */
	void input(byte[] bytes) {
		ExecConnection open = connection;
		if (open == null || ended.get()) {
			return;
		}
		try {
			open.write(bytes);
		}
		catch (IOException ex) {
			// The process no longer reads its input; its output's end will close the session.
			log.debug("input to a terminal session dropped: {}", ex.getMessage());
		}
	}

	/** A control message from the client: a resize or the end of input; anything else is ignored. */
	void control(String text) {
		ExecConnection open = connection;
		if (open == null || ended.get()) {
			return;
		}
		Optional<TerminalControl> message;
		try {
			message = TerminalControlCodec.decode(text);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		if (message.orElse(null) instanceof TerminalControl.Resize resize && grant.tty()) {
			execs.resize(execId, resize.cols(), resize.rows());
		}
		else if (message.orElse(null) instanceof TerminalControl.Eof) {
			try {
				open.closeInput();
			}
			catch (IOException ex) {
				log.debug("cannot end a terminal's input: {}", ex.getMessage());
			}
		}
	}

	void pong() {
		lastPong = Instant.now();
	}

	/** Pings the client, or ends the session when it has not answered for three intervals. */
	void heartbeat(Duration interval) {
		if (ended.get()) {
			return;
		}
		if (Duration.between(lastPong, Instant.now()).compareTo(interval.multipliedBy(3)) > 0) {
			closed("the client stopped answering pings");
			client.close(CloseStatus.SESSION_NOT_RELIABLE);
		}
		else if (!client.ping()) {
			closed("a ping failed");
			client.close(CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

	/** Ends a session that has lasted as long as it may. */
	void expire(Duration lifetime) {
		if (ended.get()) {
			return;
		}
		closed("it reached its maximum lifetime");
		client.control(new TerminalControl.Failure("the session reached its maximum lifetime of "
				+ (lifetime.toMinutes() >= 1 ? lifetime.toMinutes() + " minutes" : lifetime.toSeconds() + " seconds")));
		client.close(CloseStatus.POLICY_VIOLATION);
	}

	/** The WebSocket is gone (or must go): ends the process and everything it started. */
	void closed(String why) {
		if (!ended.compareAndSet(false, true)) {
			return;
		}
		if (execId == null && connection == null) {
			// Still starting: start() sees the end and kills what it started.
			if (acquired) {
				release();
			}
			log.info("terminal session ended before it started: site {}, user {} ({})", grant.siteId(), grant.user(),
					why);
			return;
		}
		killAndClose();
		log.info("terminal session ended: site {} ({}), user {}, mode {}, {} s, no exit code ({})", grant.siteId(),
				grant.siteName(), grant.user(), grant.mode(), seconds(), why);
	}

	private void killAndClose() {
		String id = execId;
		if (id != null) {
			execs.kill(id);
		}
		closeConnection();
		if (acquired) {
			release();
		}
	}

	private void relayOutput() {
		try {
			connection.pump(client::output);
		}
		catch (IOException | RuntimeException ex) {
			if (!ended.get()) {
				log.debug("a terminal's output ended with {}", ex.toString());
			}
		}
		outputEnded();
	}

	/** The process's output ended: reports its exit code and closes. */
	private void outputEnded() {
		if (!ended.compareAndSet(false, true)) {
			return;
		}
		Long code = execs.exitCode(execId);
		closeConnection();
		release();
		log.info("terminal session ended: site {} ({}), user {}, mode {}, {} s, exit code {}", grant.siteId(),
				grant.siteName(), grant.user(), grant.mode(), seconds(), code);
		boolean told = code == null ? client.control(new TerminalControl.Failure("the session's process was lost"))
				: client.control(new TerminalControl.Exit(code));
		client.close(told && code == null ? CloseStatus.SERVER_ERROR : CloseStatus.NORMAL);
	}

	private void fail(String message) {
		boolean first = ended.compareAndSet(false, true);
		// Even when the WebSocket closed meanwhile, what start() made is given back here.
		killAndClose();
		if (!first) {
			return;
		}
		client.control(new TerminalControl.Failure(message));
		client.close(CloseStatus.SERVER_ERROR);
	}

	private void closeConnection() {
		ExecConnection open = connection;
		if (open != null) {
			try {
				open.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}
	}

	private synchronized void release() {
		if (!released) {
			released = true;
			containers.release(grant.siteId());
		}
	}

	private long seconds() {
		return Duration.between(opened, Instant.now()).toSeconds();
	}

}
