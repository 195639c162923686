package edu.tjhsst.director.common.nginx;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Turns a burst of reload requests into one reload, run a short moment after the first request. */
public final class ReloadCoalescer implements AutoCloseable {

	private final Runnable reload;

	private final Duration delay;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "nginx-reload");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicLong reloads = new AtomicLong();

	private CompletableFuture<Void> pending;

	public ReloadCoalescer(Runnable reload, Duration delay) {
		this.reload = reload;
		this.delay = delay;
	}

	/** Asks for a reload; the future completes once a reload that started after this request has finished. */
	public synchronized CompletableFuture<Void> request() {
		if (pending == null) {
			pending = new CompletableFuture<>();
			executor.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		return pending;
	}

	/** How many reloads have run. */
	public long count() {
		return reloads.get();
	}

	private void run() {
		CompletableFuture<Void> batch;
		synchronized (this) {
			batch = pending;
			pending = null;
		}
		try {
			reload.run();
			reloads.incrementAndGet();
			batch.complete(null);
		}
		catch (RuntimeException ex) {
			batch.completeExceptionally(ex);
		}
	}

	@Override
	public void close() {
		executor.shutdown();
	}

}
