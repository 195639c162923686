package edu.tjhsst.director.orchestrator.appserver;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a reload of the app servers' Nginx, for whoever must answer only once it serves the new files. */
public final class NginxReloads {

	private NginxReloads() {
	}

	/**
	 * @throws RuntimeException the reload's own failure, as it is (a configuration Nginx refused, say)
	 * @throws AppserverUnavailableException when Nginx did not reload in time, or the wait was interrupted
	 */
	public static void await(CompletableFuture<Void> reloaded, Duration timeout) {
		try {
			reloaded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new IllegalStateException("reload failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AppserverUnavailableException("Nginx did not reload within " + timeout.toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AppserverUnavailableException("interrupted while waiting for Nginx to reload", ex);
		}
	}

}
