package edu.tjhsst.director.shell.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins per user name and per client address, in memory; after too many failures within a window
 * further attempts are refused for a while, without asking the manager, so passwords cannot be guessed quickly.
 */
public final class LoginLimiter {

	private static final Logger log = LoggerFactory.getLogger(LoginLimiter.class);

	/** Beyond this many tracked names and addresses, entries without a recent failure are dropped. */
	private static final int PRUNE_ABOVE = 10_000;

	private final int maxFailures;

	private final Duration window;

	private final Duration lockout;

	private final Clock clock;

	private final Map<String, Record> records = new HashMap<>();

	public LoginLimiter(int maxFailures, Duration window, Duration lockout, Clock clock) {
		if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
			throw new IllegalArgumentException("the login limit needs at least one failure and positive durations");
		}
		this.maxFailures = maxFailures;
		this.window = window;
		this.lockout = lockout;
		this.clock = clock;
	}

	/** Whether an attempt for this user name from this address may go ahead now. */
	public synchronized boolean allows(String user, String address) {
		Instant now = clock.instant();
		return !locked("user:" + user, now) && !locked("address:" + address, now);
	}

	/** Counts one failed attempt against the user name and the address, and logs a lockout when it starts. */
	public synchronized void failed(String user, String address) {
		Instant now = clock.instant();
		prune(now);
		count("user:" + user, "user name " + user, now);
		count("address:" + address, "address " + address, now);
	}

	private boolean locked(String key, Instant now) {
		Record record = records.get(key);
		return record != null && record.lockedUntil != null && now.isBefore(record.lockedUntil);
	}

	private void count(String key, String what, Instant now) {
		Record record = records.computeIfAbsent(key, k -> new Record());
		Instant since = now.minus(window);
		while (!record.failures.isEmpty() && !record.failures.peekFirst().isAfter(since)) {
			record.failures.removeFirst();
		}
		record.failures.addLast(now);
		if (record.failures.size() >= maxFailures && (record.lockedUntil == null || !now.isBefore(record.lockedUntil))) {
			record.lockedUntil = now.plus(lockout);
			record.failures.clear();
			log.warn("SSH logins for the {} are refused until {} after {} failures", what, record.lockedUntil,
					maxFailures);
		}
	}

	private void prune(Instant now) {
		if (records.size() <= PRUNE_ABOVE) {
			return;
		}
		Instant since = now.minus(window);
		for (Iterator<Record> it = records.values().iterator(); it.hasNext();) {
			Record record = it.next();
			boolean recent = !record.failures.isEmpty() && record.failures.peekLast().isAfter(since);
			boolean locked = record.lockedUntil != null && now.isBefore(record.lockedUntil);
			if (!recent && !locked) {
				it.remove();
			}
		}
	}

	/** One name's or address's recent failures and lockout. */
	private static final class Record {

		final Deque<Instant> failures = new ArrayDeque<>();

		Instant lockedUntil;

	}

}
