package edu.tjhsst.director.orchestrator.appserver;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates or repairs the sites' overlay network and the appserver Nginx service, and waits for it to run. */
final class SwarmAppserver {

	private static final Logger log = LoggerFactory.getLogger(SwarmAppserver.class);

	private final DockerClient docker;

	SwarmAppserver(DockerClient docker) {
		this.docker = docker;
	}

	/** Makes sure an attachable overlay network of this name exists, and returns its id. */
	String ensureNetwork(String name) {
		Optional<Network> existing = docker.listNetworksCmd().withNameFilter(name).exec().stream()
			.filter(network -> name.equals(network.getName()))
			.findFirst();
		if (existing.isPresent()) {
			Network network = existing.get();
			requireManaged("network", name, network.getLabels());
			if (!"overlay".equals(network.getDriver())) {
				throw new IllegalStateException("network " + name + " exists but is not an overlay network");
			}
			return network.getId();
		}
		log.info("creating overlay network {}", name);
		return docker.createNetworkCmd()
			.withName(name)
			.withDriver("overlay")
			.withAttachable(true)
			.withCheckDuplicate(true)
			.withLabels(AppserverServiceSpec.MANAGED)
			.exec()
			.getId();
	}

	/**
	 * Creates the service, or updates it when its image, port, mounts or network differ from the spec, or when
	 * {@code restart} asks for its container to start afresh.
	 */
	void ensureService(AppserverServiceSpec spec, boolean restart) {
		Service existing;
		try {
			existing = docker.inspectServiceCmd(spec.name()).exec();
		}
		catch (NotFoundException ex) {
			log.info("creating service {} from {} on host port {}", spec.name(), spec.image(), spec.port());
			docker.createServiceCmd(spec.toServiceSpec()).exec();
			return;
		}
		requireManaged("service", spec.name(), existing.getSpec().getLabels());
		boolean differs = spec.differsFrom(existing.getSpec());
		if (!differs && !restart) {
			log.info("service {} is up to date", spec.name());
			return;
		}
		ServiceSpec updated = spec.toServiceSpec();
		if (!differs) {
			Integer forced = existing.getSpec().getTaskTemplate().getForceUpdate();
			updated.getTaskTemplate().withForceUpdate((forced == null ? 0 : forced) + 1);
		}
		log.info("{} service {} from {} on host port {}", differs ? "updating" : "restarting", spec.name(),
				spec.image(), spec.port());
		docker.updateServiceCmd(existing.getId(), updated)
			.withVersion(existing.getVersion().getIndex())
			.exec();
	}

	/**
	 * Waits until the service has a running task and returns its container's id.
	 * @throws IllegalStateException after the timeout, with the last error Swarm reported for a task
	 */
	String awaitRunningContainer(String service, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		String lastError = "no task yet";
		while (true) {
			List<Task> tasks = docker.listTasksCmd().withServiceFilter(service).exec();
			for (Task task : tasks) {
				if (task.getDesiredState() == TaskState.RUNNING && task.getStatus() != null
						&& task.getStatus().getState() == TaskState.RUNNING
						&& task.getStatus().getContainerStatus() != null) {
					return task.getStatus().getContainerStatus().getContainerID();
				}
				if (task.getStatus() != null && task.getStatus().getErr() != null) {
					lastError = task.getStatus().getErr();
				}
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("service " + service + " did not start within " + timeout.toSeconds()
						+ " s: " + lastError);
			}
			pause();
		}
	}

	static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the appserver", ex);
		}
	}

	private static void requireManaged(String kind, String name, Map<String, String> labels) {
		if (labels == null || !"true".equals(labels.get("director.managed"))) {
			throw new IllegalStateException(kind + " " + name + " exists but was not made by Director"
					+ " (no label director.managed=true); remove it or choose another name");
		}
	}

}
