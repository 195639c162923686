package edu.tjhsst.director.orchestrator.appserver;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

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

	private static final Duration RELOAD_WAIT = Duration.ofSeconds(5);

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
	 * left, so that a site answers with its new config as soon as the caller hears "applied". All are signalled
	 * before any is waited for: they reload side by side (one after the other was a fifth of the time from Create to a
	 * served site). A container whose Nginx has not started yet (it waits to be attached to the sites' networks) is
	 * left alone: it reads the files as they are when it starts.
	 */
	@Override
	public void reload() {
		// Every container is reloaded even when one fails, so that no other keeps serving the old files.
		AppserverUnavailableException failure = null;
		Map<String, Set<String>> signalled = new LinkedHashMap<>();
		for (String container : runningContainers()) {
			try {
				Optional<Set<String>> oldWorkers = workers(container);
				if (oldWorkers.isPresent()) {
					signal(container);
					signalled.put(container, oldWorkers.get());
				}
			}
			catch (AppserverUnavailableException ex) {
				failure = failure == null ? ex : failure;
			}
		}
		for (Map.Entry<String, Set<String>> container : signalled.entrySet()) {
			try {
				awaitNewWorkers(container.getKey(), container.getValue());
			}
			catch (AppserverUnavailableException ex) {
				failure = failure == null ? ex : failure;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void signal(String container) {
		try {
			containers.signal(container, "HUP");
		}
		catch (RuntimeException ex) {
			throw new AppserverUnavailableException("cannot signal the appserver Nginx: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Nginx's master is PID 1 in the container once the start script has made way for it; its workers are read from
	 * /proc. A long request may keep an old worker busy; past a grace period we stop waiting for it.
	 */
	private void awaitNewWorkers(String container, Set<String> oldWorkers) {
		long started = System.nanoTime();
		boolean fresh = false;
		while (System.nanoTime() - started < RELOAD_WAIT.toNanos()) {
			Set<String> now = workers(container).orElse(Set.of());
			fresh = fresh || !oldWorkers.containsAll(now);
			if (fresh && now.stream().noneMatch(oldWorkers::contains)) {
				return;
			}
			pause();
		}
		if (!fresh) {
			throw new AppserverUnavailableException("the appserver Nginx kept its previous configuration");
		}
	}

	/** The workers of the container's Nginx, or nothing while PID 1 is still the start script. */
	private Optional<Set<String>> workers(String container) {
		DockerExecs.Result result = exec(container, "sh", "-c", "cat /proc/1/comm /proc/1/task/1/children");
		String[] lines = result.output().split("\n", 2);
		if (!lines[0].strip().equals("nginx")) {
			return Optional.empty();
		}
		String children = lines.length > 1 ? lines[1] : "";
		return Optional.of(Arrays.stream(children.trim().split("\\s+")).filter(pid -> !pid.isEmpty())
			.collect(Collectors.toSet()));
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AppserverUnavailableException("interrupted while reloading the appserver Nginx", ex);
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
