package edu.tjhsst.director.shell.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.common.shell.ShellSite;
import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.shell.login.LoginName;
import edu.tjhsst.director.shell.manager.ManagerClient;
import edu.tjhsst.director.shell.terminal.TerminalConnection;
import edu.tjhsst.director.shell.terminal.TerminalConnector;
import edu.tjhsst.director.shell.terminal.TerminalListener;

/**
 * One SSH shell, command or SFTP session: picks the site (from the login name, or {@link SiteMenu}), asks the manager
 * for a grant and relays between the SSH channel and the orchestrator's terminal WebSocket until either ends.
 */
final class SiteSession implements Command, Runnable, TerminalListener {

	private static final Logger log = LoggerFactory.getLogger(SiteSession.class);

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private final TerminalMode mode;

	private final String command;

	private final ManagerClient manager;

	private final TerminalConnector connector;

	private final AtomicBoolean done = new AtomicBoolean();

	private InputStream in;

	private OutputStream out;

	private OutputStream err;

	private ExitCallback exitCallback;

	private ChannelSession channel;

	private Environment environment;

	private volatile TerminalConnection connection;

	private boolean tty;

	private LoginName login;

	private volatile String site;

	private String address;

	private Instant started;

	SiteSession(TerminalMode mode, String command, ManagerClient manager, TerminalConnector connector) {
		this.mode = mode;
		this.command = command;
		this.manager = manager;
		this.connector = connector;
	}

	@Override
	public void setInputStream(InputStream in) {
		this.in = in;
	}

	@Override
	public void setOutputStream(OutputStream out) {
		this.out = out;
	}

	@Override
	public void setErrorStream(OutputStream err) {
		this.err = err;
	}

	@Override
	public void setExitCallback(ExitCallback callback) {
		this.exitCallback = callback;
	}

	@Override
	public void start(ChannelSession channel, Environment env) {
		this.channel = channel;
		this.environment = env;
		// A pty-req sets the terminal's size; SFTP never runs on a terminal.
		this.tty = mode != TerminalMode.SFTP && env.getEnv().containsKey(Environment.ENV_COLUMNS);
		this.login = LoginName.parse(channel.getSession().getUsername())
			.orElseThrow(() -> new IllegalStateException("an authenticated session has an invalid login name"));
		this.site = login.site();
		this.address = address(channel.getSession().getClientAddress());
		this.started = Instant.now();
		log.info("SSH session started: user {}, site {}, kind {}{}, address {}", login.user(),
				site == null ? "(menu)" : site, mode, tty ? " on a terminal" : "", address);
		Thread thread = new Thread(this, "ssh-session-" + COUNTER.incrementAndGet());
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void run() {
		try {
			String chosen = chooseSite();
			if (chosen == null) {
				return;
			}
			site = chosen;
			String token = manager.grant(login.user(), chosen, mode, command, tty);
			TerminalConnection opened = connector.open(token, this);
			connection = opened;
			if (done.get()) {
				opened.close();
				return;
			}
			if (tty) {
				resize();
				environment.addSignalListener((ch, signal) -> resize(), Signal.WINCH);
			}
			// An SSH packet's data whole (OpenSSH sends up to 32 KiB), well within the 256 KiB the orchestrator takes in
			// one binary message: 8 KiB split each SFTP write in four messages, each relayed on its own.
			byte[] buffer = new byte[64 * 1024];
			int read;
			while (!done.get() && (read = in.read(buffer)) >= 0) {
				opened.input(buffer, read);
			}
			if (!done.get()) {
				opened.eof();
			}
		}
		catch (ComponentCallException ex) {
			fail(ex.status() == 403 || ex.status() == 404 ? ex.getMessage()
					: "The site cannot be reached right now (" + ex.getMessage() + ").");
		}
		catch (IllegalStateException ex) {
			fail(ex.getMessage());
		}
		catch (InterruptedIOException ex) {
			// destroyed while reading input
		}
		catch (IOException ex) {
			// the SSH channel closed; destroy() ends the terminal
		}
	}

	/** The site to go into, or null after telling the user why there is none. */
	private String chooseSite() throws IOException {
		if (site != null) {
			return site;
		}
		List<ShellSite> sites = manager.sites(login.user());
		if (sites.isEmpty()) {
			fail("You have no sites yet; create one in the portal.");
			return null;
		}
		if (mode != TerminalMode.SHELL) {
			if (sites.size() == 1) {
				return sites.get(0).name();
			}
			fail("Say which site: ssh " + login.user() + "+<site>@host");
			return null;
		}
		Optional<String> chosen = new SiteMenu(in, out, tty).choose(sites, done::get);
		if (chosen.isEmpty()) {
			finish(1);
		}
		return chosen.orElse(null);
	}

	private void resize() {
		TerminalConnection current = connection;
		if (current == null || done.get()) {
			return;
		}
		try {
			current.resize(number(Environment.ENV_COLUMNS, 80), number(Environment.ENV_LINES, 24));
		}
		catch (IllegalStateException ex) {
			log.debug("resize not sent: {}", ex.getMessage());
		}
	}

	private int number(String name, int fallback) {
		try {
			int value = Integer.parseInt(environment.getEnv().getOrDefault(name, ""));
			return value > 0 && value < 10_000 ? value : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	@Override
	public void output(boolean stderr, byte[] bytes) {
		try {
			OutputStream stream = stderr ? err : out;
			stream.write(bytes);
			stream.flush();
		}
		catch (IOException ex) {
			// The client went away; closing the channel ends the terminal too.
			closeTerminal();
		}
	}

	@Override
	public void exit(int code) {
		finish(code);
	}

	@Override
	public void error(String message) {
		fail(message);
	}

	/** Tells the user what went wrong on standard error and ends with status 1. */
	private void fail(String message) {
		if (done.get()) {
			return;
		}
		try {
			write(err, message + SiteMenu.newline(tty));
		}
		catch (IOException ex) {
			// the client is gone; nothing to tell it
		}
		finish(1);
	}

	private void finish(int code) {
		if (!done.compareAndSet(false, true)) {
			return;
		}
		try {
			out.flush();
			err.flush();
		}
		catch (IOException ex) {
			// the channel is closing anyway
		}
		logEnd(Integer.toString(code));
		exitCallback.onExit(code);
		closeTerminal();
	}

	@Override
	public void destroy(ChannelSession channel) {
		if (done.compareAndSet(false, true)) {
			logEnd("none (the client closed the channel)");
		}
		closeTerminal();
	}

	private void closeTerminal() {
		TerminalConnection current = connection;
		if (current != null) {
			current.close();
		}
	}

	private void logEnd(String status) {
		log.info("SSH session ended: user {}, site {}, kind {}, address {}, duration {}, exit status {}",
				login.user(), site == null ? "(none)" : site, mode, address,
				Duration.between(started, Instant.now()).withNanos(0), status);
	}

	private static void write(OutputStream stream, String text) throws IOException {
		stream.write(text.getBytes(StandardCharsets.UTF_8));
		stream.flush();
	}

	static String address(SocketAddress address) {
		return address instanceof InetSocketAddress inet && inet.getAddress() != null
				? inet.getAddress().getHostAddress() : String.valueOf(address);
	}

}
