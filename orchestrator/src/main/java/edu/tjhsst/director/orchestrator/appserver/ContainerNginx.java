package edu.tjhsst.director.orchestrator.appserver;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import edu.tjhsst.director.common.nginx.NginxControl;
import edu.tjhsst.director.common.nginx.NginxMessages;
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.orchestrator.docker.ContainerInfo;
import edu.tjhsst.director.orchestrator.docker.DockerContainers;
import edu.tjhsst.director.orchestrator.docker.DockerExecs;

/** The Nginx in the appserver service's running container, tested through docker exec and reloaded by SIGHUP. */
final class ContainerNginx implements NginxControl {

	private final DockerContainers containers;

	private final DockerExecs execs;

	private final String service;

	private final Duration timeout;

	private static final Duration RELOAD_WAIT = Duration.ofSeconds(5);

	ContainerNginx(DockerContainers containers, DockerExecs execs, String service, Duration timeout) {
		this.containers = containers;
		this.execs = execs;
		this.service = service;
		this.timeout = timeout;
	}

	@Override
	public void test(String mainConfig) {
		DockerExecs.Result result = exec(runningContainer(), "nginx", "-t", "-q", "-c", mainConfig);
		if (result.exitCode() != 0) {
			throw new NginxRejectedException(NginxMessages.clean(result.output()));
		}
	}

	/**
	 * Reloads and returns once new workers serve the new configuration and the old ones have left, so that a
	 * site answers with its new config as soon as the caller hears "applied". Nginx's master is PID 1 in the
	 * container; its workers are read from /proc. A long request may keep an old worker busy; past a grace
	 * period we stop waiting for it.
	 */
	@Override
	public void reload() {
		String container = runningContainer();
		Set<String> oldWorkers = workers(container);
		try {
			containers.signal(container, "HUP");
		}
		catch (RuntimeException ex) {
			throw new AppserverUnavailableException("cannot signal the appserver Nginx: " + ex.getMessage(), ex);
		}
		long started = System.nanoTime();
		boolean fresh = false;
		while (System.nanoTime() - started < RELOAD_WAIT.toNanos()) {
			Set<String> now = workers(container);
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

	private Set<String> workers(String container) {
		DockerExecs.Result children = exec(container, "cat", "/proc/1/task/1/children");
		return Arrays.stream(children.output().trim().split("\\s+")).filter(pid -> !pid.isEmpty())
			.collect(Collectors.toSet());
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

	/** The id of the service's newest running container. */
	String runningContainer() {
		List<ContainerInfo> running;
		try {
			running = containers.runningOf(service);
		}
		catch (RuntimeException ex) {
			throw new AppserverUnavailableException("cannot ask Docker for the appserver Nginx: " + ex.getMessage(), ex);
		}
		return running.stream()
			.max(Comparator.comparing(ContainerInfo::created))
			.map(ContainerInfo::id)
			.orElseThrow(() -> new AppserverUnavailableException("the appserver Nginx (service " + service
					+ ") has no running container"));
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
