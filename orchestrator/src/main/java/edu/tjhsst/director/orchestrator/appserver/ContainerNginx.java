package edu.tjhsst.director.orchestrator.appserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;

import edu.tjhsst.director.common.nginx.NginxControl;
import edu.tjhsst.director.common.nginx.NginxMessages;
import edu.tjhsst.director.common.nginx.NginxRejectedException;

/** The Nginx in the appserver service's running container, tested through docker exec and reloaded by SIGHUP. */
final class ContainerNginx implements NginxControl {

	private static final String SERVICE_LABEL = "com.docker.swarm.service.name";

	private final DockerClient docker;

	private final String service;

	private final Duration timeout;

	private static final Duration RELOAD_WAIT = Duration.ofSeconds(5);

	ContainerNginx(DockerClient docker, String service, Duration timeout) {
		this.docker = docker;
		this.service = service;
		this.timeout = timeout;
	}

	@Override
	public void test(String mainConfig) {
		Exec result = exec(runningContainer(), "nginx", "-t", "-q", "-c", mainConfig);
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
			docker.killContainerCmd(container).withSignal("HUP").exec();
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
		Exec children = exec(container, "cat", "/proc/1/task/1/children");
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
		List<Container> containers;
		try {
			containers = docker.listContainersCmd()
				.withLabelFilter(Map.of(SERVICE_LABEL, service))
				.withStatusFilter(List.of("running"))
				.exec();
		}
		catch (RuntimeException ex) {
			throw new AppserverUnavailableException("cannot ask Docker for the appserver Nginx: " + ex.getMessage(), ex);
		}
		return containers.stream()
			.max(Comparator.comparing(Container::getCreated))
			.map(Container::getId)
			.orElseThrow(() -> new AppserverUnavailableException("the appserver Nginx (service " + service
					+ ") has no running container"));
	}

	private Exec exec(String container, String... command) {
		try {
			String execId = docker.execCreateCmd(container)
				.withCmd(command)
				.withAttachStdout(true)
				.withAttachStderr(true)
				.exec()
				.getId();
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			ResultCallback.Adapter<Frame> callback = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<>() {
				@Override
				public void onNext(Frame frame) {
					synchronized (output) {
						output.writeBytes(frame.getPayload());
					}
				}
			});
			if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				callback.close();
				throw new AppserverUnavailableException("nginx -t took longer than " + timeout.toSeconds() + " s");
			}
			Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
			String text;
			synchronized (output) {
				text = output.toString(StandardCharsets.UTF_8);
			}
			return new Exec(exitCode == null ? -1 : exitCode, text);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AppserverUnavailableException("interrupted while testing the Nginx config", ex);
		}
		catch (AppserverUnavailableException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new AppserverUnavailableException("cannot run nginx in " + container + ": " + ex.getMessage(), ex);
		}
	}

	/** What one command in the container printed and how it exited. */
	private record Exec(long exitCode, String output) {
	}

}
