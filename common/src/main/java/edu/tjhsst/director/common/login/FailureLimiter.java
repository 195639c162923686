package edu.tjhsst.director.common.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed sign-ins per (user name, client address) pair and per client address, in memory, and refuses further
 * attempts from a pair or an address that failed too often within a window, for a while. A user name is never locked
 * out by itself, so failures from one address cannot lock its owner out everywhere. Callers ask before checking a
 * password and refuse without checking it, so a locked-out guesser learns nothing and costs no hashing.
 * <p>
 * Thread-safe. Memory is bounded by {@link FailureLimits#maxTracked()} entries; when full, entries with nothing
 * recent are dropped first, then the least recently seen.
 */
public final class FailureLimiter {

	/** Longer user names share one bucket: they are no account's, and must not make keys of any size. */
	private static final int LONGEST_USER = 64;

	private final FailureLimits limits;

	private final Clock clock;

	/** In access order, so the eldest entry is the least recently seen. */
	private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);

	public FailureLimiter(FailureLimits limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	/** What locked a sign-in out. */
	public enum Scope {

		/** This user name from this address. */
		USER_FROM_ADDRESS,

		/** Every user name from this address. */
		ADDRESS

	}

	/** A lockout: what it covers and when it ends. */
	public record Lockout(Scope scope, Instant until) {

		/** The time left from the given instant, rounded up to whole minutes (at least one). */
		public long minutesLeft(Instant now) {
			long seconds = Math.max(0, Duration.between(now, until).toSeconds());
			return Math.max(1, (seconds + 59) / 60);
		}

		/** What the person signing in is told, the same in the portal and over SSH. */
		public String message(Instant now) {
			return FailureLimiter.message(minutesLeft(now));
		}

	}

	/** What the person signing in is told when refused for about this many more minutes. */
	public static String message(long minutes) {
		return "Too many failed sign-ins from your address; try again in " + minutes
				+ (minutes == 1 ? " minute." : " minutes.");
	}

	/** The lockout that refuses an attempt for this user from this address now, if any (the longer of the two). */
	public synchronized Optional<Lockout> refusal(String user, String address) {
		Instant now = clock.instant();
		Optional<Lockout> pair = locked(pairKey(user, address), Scope.USER_FROM_ADDRESS, now);
		Optional<Lockout> whole = locked(addressKey(address), Scope.ADDRESS, now);
		if (pair.isPresent() && whole.isPresent()) {
			return pair.get().until().isAfter(whole.get().until()) ? pair : whole;
		}
		return pair.isPresent() ? pair : whole;
	}

	/**
	 * Counts a failed attempt against the pair and the address.
	 * @return the lockout this failure started, for the caller's log; empty when none started
	 */
	public synchronized Optional<Lockout> failed(String user, String address) {
		Instant now = clock.instant();
		Optional<Lockout> pair = count(pairKey(user, address), limits.perUserAndAddress(), Scope.USER_FROM_ADDRESS,
				now);
		Optional<Lockout> whole = count(addressKey(address), limits.perAddress(), Scope.ADDRESS, now);
		bound(now);
		return whole.isPresent() ? whole : pair;
	}

	/**
	 * Forgets the pair's failures after a successful sign-in. The address's count stays: an attacker with an account
	 * of their own must not reset it between guesses at someone else's password.
	 */
	public synchronized void succeeded(String user, String address) {
		String key = pairKey(user, address);
		Entry entry = entries.get(key);
		if (entry != null && !entry.lockedAt(clock.instant())) {
			entries.remove(key);
		}
	}

	/** The limits this limiter applies. */
	public FailureLimits limits() {
		return limits;
	}

	/** The clock it counts time on, for messages that say how long is left. */
	public Instant now() {
		return clock.instant();
	}

	/** How many pairs and addresses are remembered now (for tests of the bound). */
	synchronized int tracked() {
		return entries.size();
	}

	private Optional<Lockout> locked(String key, Scope scope, Instant now) {
		Entry entry = entries.get(key);
		return entry != null && entry.lockedAt(now) ? Optional.of(new Lockout(scope, entry.lockedUntil))
				: Optional.empty();
	}

	private Optional<Lockout> count(String key, int max, Scope scope, Instant now) {
		Entry entry = entries.computeIfAbsent(key, k -> new Entry());
		if (entry.lockedAt(now)) {
			return Optional.empty();
		}
		entry.forgetBefore(now.minus(limits.window()));
		entry.failures.addLast(now);
		if (entry.failures.size() < max) {
			return Optional.empty();
		}
		entry.lockedUntil = now.plus(limits.lockout());
		entry.failures.clear();
		return Optional.of(new Lockout(scope, entry.lockedUntil));
	}

	private void bound(Instant now) {
		if (entries.size() <= limits.maxTracked()) {
			return;
		}
		Instant since = now.minus(limits.window());
		entries.values().removeIf(entry -> !entry.lockedAt(now) && !entry.failedSince(since));
		// Still full of live entries (many addresses at once): drop the least recently seen down to 90%, so this
		// does not run again on every failure. A lockout is never dropped, or a flood of new addresses would lift it.
		int target = limits.maxTracked() * 9 / 10;
		for (Iterator<Entry> it = entries.values().iterator(); entries.size() > target && it.hasNext();) {
			if (!it.next().lockedAt(now)) {
				it.remove();
			}
		}
	}

	private static String pairKey(String user, String address) {
		String name = user == null || user.length() > LONGEST_USER ? "(long)" : user;
		return "u " + address + " " + name;
	}

	private static String addressKey(String address) {
		return "a " + address;
	}

	/** One pair's or address's recent failures and lockout. */
	private static final class Entry {

		final Deque<Instant> failures = new ArrayDeque<>();

		Instant lockedUntil;

		boolean lockedAt(Instant now) {
			return lockedUntil != null && now.isBefore(lockedUntil);
		}

		boolean failedSince(Instant since) {
			return !failures.isEmpty() && failures.peekLast().isAfter(since);
		}

		void forgetBefore(Instant since) {
			while (!failures.isEmpty() && !failures.peekFirst().isAfter(since)) {
				failures.removeFirst();
			}
		}

	}

}
