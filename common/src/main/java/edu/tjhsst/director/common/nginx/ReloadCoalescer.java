package edu.tjhsst.director.common.nginx;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns reload requests into as few reloads as keep every change prompt: a request while Nginx is idle reloads at
 * once (a fixed wait before every reload was most of the time from Create to a served site); requests that come while
 * a reload runs, or within the cool-down after one, share the next reload, which starts when the cool-down has passed.
 */
public final class ReloadCoalescer implements AutoCloseable {

	private final Runnable reload;

	private final Duration delay;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "nginx-reload");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicLong reloads = new AtomicLong();

	private CompletableFuture<Void> pending;

	/** When the last reload ended, by {@link System#nanoTime()}; only the reload thread reads and writes it. */
	private long lastEnded;

	private boolean reloadedBefore;

	/**
	 * @param delay the cool-down: the shortest time between the end of one reload and the start of the next
	 */
	public ReloadCoalescer(Runnable reload, Duration delay) {
		this.reload = reload;
		this.delay = delay;
	}

	/** Asks for a reload; the future completes once a reload that started after this request has finished. */
	public synchronized CompletableFuture<Void> request() {
		if (pending == null) {
			pending = new CompletableFuture<>();
			executor.execute(this::run);
		}
		return pending;
	}

	/** How many reloads have succeeded. */
	public long count() {
		return reloads.get();
	}

	/** On the one reload thread: a request made during a reload runs after it, so after its cool-down too. */
	private void run() {
		long coolDown = reloadedBefore ? lastEnded + delay.toNanos() - System.nanoTime() : 0;
		if (coolDown > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(coolDown);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
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
		catch (RuntimeException | Error ex) {
			batch.completeExceptionally(ex);
		}
		finally {
			reloadedBefore = true;
			lastEnded = System.nanoTime();
		}
	}

	@Override
	public void close() {
		executor.shutdown();
	}

}
