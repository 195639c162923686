package edu.tjhsst.director.common.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** When reloads run: at once when Nginx is idle, shared within the cool-down after one. */
class ReloadCoalescerTests {

	/** Far longer than any test waits: a reload that waited for it would fail the test. */
	private static final Duration COOL_DOWN = Duration.ofSeconds(20);

	@Test
	void aRequestWhileNginxIsIdleReloadsAtOnce() throws Exception {
		AtomicInteger reloads = new AtomicInteger();
		try (ReloadCoalescer coalescer = new ReloadCoalescer(reloads::incrementAndGet, COOL_DOWN)) {
			coalescer.request().get(5, TimeUnit.SECONDS);

			assertThat(reloads).hasValue(1);
			assertThat(coalescer.count()).isEqualTo(1);
		}
	}

	@Test
	void requestsDuringAReloadShareTheNextOneWhichWaitsForTheCoolDown() throws Exception {
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		List<Long> starts = new CopyOnWriteArrayList<>();
		List<Long> ends = new CopyOnWriteArrayList<>();
		try (ReloadCoalescer coalescer = new ReloadCoalescer(() -> {
			starts.add(System.nanoTime());
			if (starts.size() == 1) {
				firstStarted.countDown();
				await(releaseFirst);
			}
			ends.add(System.nanoTime());
		}, Duration.ofMillis(300))) {
			CompletableFuture<Void> first = coalescer.request();
			assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Void> second = coalescer.request();
			CompletableFuture<Void> third = coalescer.request();
			assertThat(second).isSameAs(third).isNotSameAs(first);
			releaseFirst.countDown();

			CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);

			assertThat(starts).hasSize(2);
			assertThat(Duration.ofNanos(starts.get(1) - ends.get(0))).as("the cool-down between the two")
				.isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}
	}

	@Test
	void requestsWithinTheCoolDownShareOneReload() throws Exception {
		AtomicInteger reloads = new AtomicInteger();
		try (ReloadCoalescer coalescer = new ReloadCoalescer(reloads::incrementAndGet, COOL_DOWN)) {
			coalescer.request().get(5, TimeUnit.SECONDS);

			CompletableFuture<Void> second = coalescer.request();
			CompletableFuture<Void> third = coalescer.request();

			assertThat(second).isSameAs(third);
			assertThat(second).as("still in the cool-down").isNotDone();
			assertThat(reloads).hasValue(1);
		}
	}

	@Test
	void aFailedReloadFailsItsRequestsAndTheNextRequestTriesAgain() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (ReloadCoalescer coalescer = new ReloadCoalescer(() -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("nginx refused");
			}
		}, Duration.ofMillis(10))) {
			assertThat(coalescer.request()).failsWithin(5, TimeUnit.SECONDS);
			coalescer.request().get(5, TimeUnit.SECONDS);
			assertThat(coalescer.count()).isEqualTo(1);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
