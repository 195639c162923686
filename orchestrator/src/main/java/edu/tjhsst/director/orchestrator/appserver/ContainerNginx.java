package edu.tjhsst.director.orchestrator.appserver;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import edu.tjhsst.director.common.nginx.NginxControl;
import edu.tjhsst.director.common.nginx.NginxMessages;
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.orchestrator.docker.ContainerInfo;
import edu.tjhsst.director.orchestrator.docker.DockerContainers;
import edu.tjhsst.director.orchestrator.docker.DockerExecs;

/**
 * The Nginx in the appserver services' running containers, tested through docker exec and reloaded by SIGHUP. They
 * share one configuration directory, so one container's {@code nginx -t} speaks for all.
 */
final class ContainerNginx implements NginxControl {

	private final DockerContainers containers;

	private final DockerExecs execs;

	private final List<String> services;

	private final Duration timeout;

	/**
	 * Run in the container: Nginx's master is PID 1 once the start script has made way for it, and its workers are
	 * read from /proc before and after SIGHUP, every 20 ms for up to 5 s by the clock, until new workers serve and
	 * the old have left. Prints the outcome.
	 */
	private static final String RELOAD = """
			[ "$(cat /proc/1/comm)" = nginx ] || { echo not-started; exit 0; }
			old=" $(cat /proc/1/task/1/children) "
			kill -HUP 1 || { echo cannot-signal; exit 0; }
			fresh=no
			end=$(( $(date +%s%N) + 5000000000 ))
			while [ "$(date +%s%N)" -lt $end ]; do
			  stale=no
			  for pid in $(cat /proc/1/task/1/children); do
			    case "$old" in *" $pid "*) stale=yes ;; *) fresh=yes ;; esac
			  done
			  [ $fresh = yes ] && [ $stale = no ] && { echo reloaded; exit 0; }
			  sleep 0.02
			done
			[ $fresh = yes ] && echo old-workers-busy || echo kept-previous
			""";

	/** Runs the containers' reloads side by side; idle threads end. */
	private static final ExecutorService RELOADERS = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "appserver-reload");
		thread.setDaemon(true);
		return thread;
	});

	ContainerNginx(DockerContainers containers, DockerExecs execs, List<String> services, Duration timeout) {
		this.containers = containers;
		this.execs = execs;
		this.services = List.copyOf(services);
		this.timeout = timeout;
	}

	@Override
	public void test(String mainConfig) {
		DockerExecs.Result result = exec(runningContainers().get(0), "nginx", "-t", "-q", "-c", mainConfig);
		if (result.exitCode() == 0) {
			return;
		}
		// Only what Nginx itself says is a refusal of the files; an exec cut short (the container stopped) is not, and
		// must not get a site's file refused or set aside.
		if (result.output().contains("[emerg]") || result.output().contains("test failed")) {
			throw new NginxRejectedException(NginxMessages.clean(result.output()));
		}
		throw new AppserverUnavailableException("nginx -t did not run in the appserver container (exit "
				+ result.exitCode() + "): " + result.output().strip());
	}

	/**
	 * Reloads each container's Nginx and returns once new workers serve the new configuration and the old ones have
	 * left, so that a site answers with its new config as soon as the caller hears "applied". The containers reload
	 * side by side, each in one exec ({@link #RELOAD}): reading the workers, signalling and watching them from here
	 * took an exec each, about 50 ms apiece and half of a new site's time to be served at 10,000 sites. A container
	 * whose Nginx has not started yet (it waits to be attached to the sites' networks) is left alone: it reads the
	 * files as they are when it starts.
	 */
	@Override
	public void reload() {
		// Every container is reloaded even when one fails, so that no other keeps serving the old files.
		List<CompletableFuture<Void>> reloading = runningContainers().stream()
			.map(container -> CompletableFuture.runAsync(() -> reload(container), RELOADERS)).toList();
		RuntimeException failure = null;
		for (CompletableFuture<Void> container : reloading) {
			try {
				container.get();
			}
			catch (ExecutionException ex) {
				RuntimeException cause = ex.getCause() instanceof RuntimeException runtime ? runtime
						: new AppserverUnavailableException("reloading the appserver Nginx failed: " + ex.getCause());
				failure = failure == null ? cause : failure;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				reloading.forEach(each -> each.cancel(true));
				throw new AppserverUnavailableException("interrupted while reloading the appserver Nginx", ex);
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void reload(String container) {
		DockerExecs.Result result;
		try {
			result = execs.runChanging(container, timeout, "HUP to Nginx, from inside: reload", "sh", "-c", RELOAD);
		}
		catch (TimeoutException ex) {
			throw new AppserverUnavailableException("reloading the appserver Nginx took longer than "
					+ timeout.toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AppserverUnavailableException("interrupted while reloading the appserver Nginx", ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new AppserverUnavailableException("cannot reload the appserver Nginx in " + container + ": "
					+ ex.getMessage(), ex);
		}
		String outcome = result.output().strip();
		switch (outcome) {
			case "reloaded", "old-workers-busy", "not-started" -> {
				// Old workers that a long request keeps busy are not waited for past the grace period.
			}
			case "kept-previous" -> throw new AppserverUnavailableException(
					"the appserver Nginx kept its previous configuration");
			default -> throw new AppserverUnavailableException("cannot reload the appserver Nginx (exit "
					+ result.exitCode() + "): " + outcome);
		}
	}

	/** The ids of the services' running containers, newest first. */
	List<String> runningContainers() {
		List<ContainerInfo> running;
		try {
			running = services.stream().flatMap(service -> containers.runningOf(service).stream()).toList();
		}
		catch (RuntimeException ex) {
			throw new AppserverUnavailableException("cannot ask Docker for the appserver Nginx: " + ex.getMessage(), ex);
		}
		if (running.isEmpty()) {
			throw new AppserverUnavailableException("the appserver Nginx (services " + String.join(", ", services)
					+ ") has no running container");
		}
		return running.stream().sorted(Comparator.comparing(ContainerInfo::created).reversed())
			.map(ContainerInfo::id).toList();
	}

	private DockerExecs.Result exec(String container, String... command) {
		try {
			return execs.run(container, timeout, command);
		}
		catch (TimeoutException ex) {
			throw new AppserverUnavailableException("nginx -t took longer than " + timeout.toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AppserverUnavailableException("interrupted while testing the Nginx config", ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new AppserverUnavailableException("cannot run nginx in " + container + ": " + ex.getMessage(), ex);
		}
	}

}
