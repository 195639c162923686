package edu.tjhsst.director.manager;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** Waits for something that happens on another thread, up to a deadline, and says what did not come. */
final class Await {

	private static final long POLL_MILLIS = 20;

	private Await() {
	}

	/** The next element of a queue another thread fills; fails saying what was awaited if none comes in time. */
	static <T> T next(String what, Duration deadline, BlockingQueue<T> queue) throws InterruptedException {
		T element = queue.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
		if (element == null) {
			fail("waited " + deadline.toSeconds() + " s for " + what + ", in vain");
		}
		return element;
	}

	/** Returns once a condition holds; fails saying what was awaited if it does not hold in time. */
	static void until(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + deadline.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - end > 0) {
				fail("waited " + deadline.toSeconds() + " s for " + what + ", in vain");
			}
			Thread.sleep(POLL_MILLIS);
		}
	}

}
