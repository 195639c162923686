package edu.tjhsst.director.router.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import edu.tjhsst.director.common.nginx.NginxRejectedException;

/** How a call waits for the Nginx reload that makes its change live; the files are already in place or refused. */
public final class Reloads {

	/** The longest a call waits for Nginx to serve its change. */
	public static final Duration TIMEOUT = Duration.ofSeconds(30);

	private Reloads() {
	}

	/** Waits for the reload and returns its value, turning a slow or failed one into 503 and a refusal into itself. */
	public static <T> T await(CompletableFuture<T> reload) {
		try {
			return reload.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"nginx did not reload within " + TIMEOUT.toSeconds() + " s");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof NginxRejectedException rejected) {
				throw rejected;
			}
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"nginx did not reload: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while nginx reloads");
		}
	}

}
