package edu.tjhsst.director.shell.ssh;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

import edu.tjhsst.director.common.terminal.TerminalMode;

/**
 * What the shell server counts for Prometheus: logins by method ({@code password}, {@code key}) and result, the SSH
 * connections open now, and the sessions started in sites by kind (a shell, a command, SFTP).
 */
public final class ShellMetrics {

	/** How a login ended. */
	enum Result {
		/** Signed in. */
		ACCEPTED,
		/** A wrong password, a key that is not the user's, a name that is not a login name. */
		REFUSED,
		/** The account may not sign in (disabled, or its sites all disabled). */
		BLOCKED,
		/** Refused unchecked: too many failed password logins from there. */
		LOCKED,
		/** Not checked: the manager could not be asked. */
		UNCHECKED
	}

	private final MeterRegistry registry;

	private final AtomicInteger open = new AtomicInteger();

	public ShellMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("director.ssh.connections.open", open, AtomicInteger::get)
			.description("SSH connections open now, signed in or not").register(registry);
		// Every method and result from the start, so a rate over them is defined before the first of each.
		for (String method : new String[] { "password", "key" }) {
			for (Result result : Result.values()) {
				logins(method, result);
			}
		}
	}

	void login(String method, Result result) {
		logins(method, result).increment();
	}

	void sessionStarted(TerminalMode mode) {
		Counter.builder("director.ssh.sessions.started").description("Sessions started in sites, by kind")
			.tag("mode", mode.name().toLowerCase(Locale.ROOT)).register(registry).increment();
	}

	/** Counts connections as MINA opens and closes them. */
	SessionListener connections() {
		return new SessionListener() {

			@Override
			public void sessionCreated(Session session) {
				open.incrementAndGet();
			}

			@Override
			public void sessionClosed(Session session) {
				open.decrementAndGet();
			}

		};
	}

	private Counter logins(String method, Result result) {
		return Counter.builder("director.ssh.logins").description("SSH logins by method and result")
			.tag("method", method).tag("result", result.name().toLowerCase(Locale.ROOT)).register(registry);
	}

}
