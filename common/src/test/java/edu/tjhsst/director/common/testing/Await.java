package edu.tjhsst.director.common.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The one way the tests wait for something that happens elsewhere (another thread, a container, a browser's server):
 * poll up to a deadline, and when it passes fail with what was awaited and the last thing seen. Polling starts fast
 * and backs off, so a quick answer is seen at once and a slow one does not load the machine; nothing ever sleeps a
 * fixed time in the hope that something has happened.
 */
public final class Await {

	private static final long FIRST_POLL_MILLIS = 10;

	private static final long LAST_POLL_MILLIS = 250;

	private Await() {
	}

	/** A value that may take a while to be right; its exceptions count as "not yet". */
	@FunctionalInterface
	public interface Probe<T> {

		T get() throws Exception;

	}

	/** A condition that may take a while to hold; its exceptions count as "not yet". */
	@FunctionalInterface
	public interface Condition {

		boolean holds() throws Exception;

	}

	/** Returns once the condition holds; fails saying what was awaited (and the last exception, if any) otherwise. */
	public static void until(String what, Duration limit, Condition condition) {
		value(what, limit, condition::holds, Boolean.TRUE::equals);
	}

	/**
	 * The first value that matches; fails saying what was awaited and the last value (or exception) seen otherwise.
	 */
	public static <T> T value(String what, Duration limit, Probe<T> probe, Predicate<? super T> expected) {
		long end = System.nanoTime() + limit.toNanos();
		long pause = FIRST_POLL_MILLIS;
		Object lastSeen = "nothing";
		Exception lastFailure = null;
		while (true) {
			try {
				T value = probe.get();
				if (expected.test(value)) {
					return value;
				}
				lastSeen = value;
				lastFailure = null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted while waiting for " + what, ex);
			}
			catch (Exception ex) {
				lastSeen = ex;
				lastFailure = ex;
			}
			if (System.nanoTime() - end > 0) {
				throw new AssertionError("waited " + seconds(limit) + " for " + what + ", in vain; last seen: " + lastSeen,
						lastFailure);
			}
			sleep(what, Math.min(pause, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
			pause = Math.min(pause * 2, LAST_POLL_MILLIS);
		}
	}

	/** The next element of a queue another thread fills; fails saying what was awaited if none comes in time. */
	public static <T> T next(String what, Duration limit, BlockingQueue<T> queue) {
		try {
			T element = queue.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
			if (element == null) {
				throw new AssertionError("waited " + seconds(limit) + " for " + what + ", in vain");
			}
			return element;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting for " + what, ex);
		}
	}

	private static void sleep(String what, long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting for " + what, ex);
		}
	}

	private static String seconds(Duration limit) {
		return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
	}

}
