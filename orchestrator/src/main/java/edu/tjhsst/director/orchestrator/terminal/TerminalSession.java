package edu.tjhsst.director.orchestrator.terminal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.NotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.terminal.TerminalFrames;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;

/**
 * One terminal session: an exec in the site's terminal container relayed over one WebSocket. It ends once, whichever
 * end goes first: when the process's output ends its exit code is sent and the WebSocket closed; when the WebSocket
 * closes (or outlives its lifetime, or stops answering pings) the process and everything it started are killed.
 */
final class TerminalSession {

	static final String SITE_DIR = "/site";

	static final String HOME = SITE_DIR + "/.home";

	static final String SFTP_SERVER = "/usr/lib/openssh/sftp-server";

	/** The Docker Engine API version this orchestrator speaks. */
	static final String API_VERSION = "1.41";

	private static final Logger log = LoggerFactory.getLogger(TerminalSession.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int MAX_TERMINAL_SIZE = 1000;

	private final WebSocketSession socket;

	private final TerminalGrant grant;

	private final DockerClient docker;

	private final TerminalContainers containers;

	private final String dockerHost;

	private final Instant opened = Instant.now();

	private final AtomicBoolean ended = new AtomicBoolean();

	private final Object sendLock = new Object();

	private volatile boolean acquired;

	private volatile String execId;

	private volatile ExecConnection connection;

	private volatile Instant lastPong = Instant.now();

	/** Whether the container's session count was given back; guarded by this. */
	private boolean released;

	TerminalSession(WebSocketSession socket, TerminalGrant grant, DockerClient docker, TerminalContainers containers,
			String dockerHost) {
		this.socket = socket;
		this.grant = grant;
		this.docker = docker;
		this.containers = containers;
		this.dockerHost = dockerHost;
	}

	/** Starts the exec and the relay of its output; on failure, tells the client and closes. */
	void start() {
		try {
			String container = containers.acquire(grant);
			acquired = true;
			int uid = SiteUsers.uid(grant.siteId());
			execId = docker.execCreateCmd(container)
				.withAttachStdin(true)
				.withAttachStdout(true)
				.withAttachStderr(true)
				.withTty(grant.tty())
				.withUser(uid + ":" + uid)
				.withWorkingDir(SITE_DIR)
				.withEnv(SubvolumeGuard.environment(environment(grant)))
				// Under the guard, so that a shell cannot make a subvolume to write past the site's disk limit.
				.withCmd(SubvolumeGuard.exec(command(grant)).toArray(String[]::new))
				.exec()
				.getId();
			connection = ExecConnection.start(dockerHost, API_VERSION, execId, grant.tty());
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
		Thread relay = new Thread(this::relayOutput, "terminal-" + grant.siteId() + "-" + socket.getId());
		relay.setDaemon(true);
		relay.start();
	}

	/** The program an exec runs for a grant. */
	static List<String> command(TerminalGrant grant) {
		return switch (grant.mode()) {
			case SHELL -> List.of("/bin/sh", "-c", "if command -v bash >/dev/null 2>&1; then exec bash -l; fi; exec sh -l");
			case EXEC -> List.of("/bin/sh", "-c", grant.command());
			case SFTP -> List.of(SFTP_SERVER, "-d", SITE_DIR);
		};
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
		JsonNode message;
		try {
			message = JSON.readTree(text);
		}
		catch (IOException ex) {
			return;
		}
		String type = message.path("type").asText("");
		if (type.equals("resize") && grant.tty()) {
			int cols = message.path("cols").asInt(0);
			int rows = message.path("rows").asInt(0);
			if (cols < 1 || rows < 1 || cols > MAX_TERMINAL_SIZE || rows > MAX_TERMINAL_SIZE) {
				return;
			}
			try {
				docker.resizeExecCmd(execId).withSize(rows, cols).exec();
			}
			catch (RuntimeException ex) {
				log.debug("cannot resize a terminal: {}", ex.getMessage());
			}
		}
		else if (type.equals("eof")) {
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
			closeSocket(CloseStatus.SESSION_NOT_RELIABLE);
			return;
		}
		try {
			send(new PingMessage());
		}
		catch (IOException | RuntimeException ex) {
			closed("a ping failed");
			closeSocket(CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

	/** Ends a session that has lasted as long as it may. */
	void expire(Duration lifetime) {
		if (ended.get()) {
			return;
		}
		closed("it reached its maximum lifetime");
		try {
			send(new TextMessage(JSON.createObjectNode().put("type", "error")
				.put("message", "the session reached its maximum lifetime of " + (lifetime.toMinutes() >= 1
						? lifetime.toMinutes() + " minutes" : lifetime.toSeconds() + " seconds"))
				.toString()));
		}
		catch (IOException | RuntimeException ex) {
			// Closing anyway.
		}
		closeSocket(CloseStatus.POLICY_VIOLATION);
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
			try {
				InspectExecResponse exec = docker.inspectExecCmd(id).exec();
				Long pid = exec.getPidLong();
				if (Boolean.TRUE.equals(exec.isRunning()) && pid != null && pid > 0) {
					ProcessTrees.kill(pid);
				}
			}
			catch (RuntimeException ex) {
				// The container is gone, and its processes with it.
				log.debug("cannot inspect a terminal exec: {}", ex.getMessage());
			}
		}
		closeConnection();
		if (acquired) {
			release();
		}
	}

	private void relayOutput() {
		try {
			connection.pump((stream, bytes) -> {
				byte[] frame = new byte[bytes.length + 1];
				frame[0] = stream == 2 ? TerminalFrames.STDERR : TerminalFrames.STDOUT;
				System.arraycopy(bytes, 0, frame, 1, bytes.length);
				send(new BinaryMessage(frame));
			});
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
		Long code = exitCode();
		closeConnection();
		release();
		log.info("terminal session ended: site {} ({}), user {}, mode {}, {} s, exit code {}", grant.siteId(),
				grant.siteName(), grant.user(), grant.mode(), seconds(), code);
		try {
			if (code == null) {
				send(new TextMessage("{\"type\":\"error\",\"message\":\"the session's process was lost\"}"));
				closeSocket(CloseStatus.SERVER_ERROR);
			}
			else {
				send(new TextMessage("{\"type\":\"exit\",\"code\":" + code + "}"));
				closeSocket(CloseStatus.NORMAL);
			}
		}
		catch (IOException | RuntimeException ex) {
			closeSocket(CloseStatus.NORMAL);
		}
	}

	/** The exec's exit code once the engine has it, or null when it is lost. */
	private Long exitCode() {
		for (int attempt = 0; attempt < 50; attempt++) {
			try {
				InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
				if (!Boolean.TRUE.equals(exec.isRunning())) {
					return exec.getExitCodeLong();
				}
			}
			catch (NotFoundException ex) {
				return null;
			}
			catch (RuntimeException ex) {
				log.debug("cannot inspect a terminal exec: {}", ex.getMessage());
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	private void fail(String message) {
		boolean first = ended.compareAndSet(false, true);
		// Even when the WebSocket closed meanwhile, what start() made is given back here.
		killAndClose();
		if (!first) {
			return;
		}
		try {
			send(new TextMessage(JSON.createObjectNode().put("type", "error").put("message", message).toString()));
		}
		catch (IOException | RuntimeException ex) {
			// Closing anyway.
		}
		closeSocket(CloseStatus.SERVER_ERROR);
	}

	private void send(WebSocketMessage<?> message) throws IOException {
		synchronized (sendLock) {
			socket.sendMessage(message);
		}
	}

	private void closeSocket(CloseStatus status) {
		try {
			socket.close(status);
		}
		catch (IOException | RuntimeException ex) {
			// Already closed.
		}
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
