package edu.tjhsst.director.orchestrator.appserver;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerNetworks;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.NetworkInfo;
import edu.tjhsst.director.orchestrator.docker.ServiceInfo;
import edu.tjhsst.director.orchestrator.docker.TaskInfo;

/** Creates or repairs the sites' overlay network and the appserver Nginx service, and waits for it to run. */
final class SwarmAppserver {

	private static final Logger log = LoggerFactory.getLogger(SwarmAppserver.class);

	private final DockerServices services;

	private final DockerNetworks networks;

	SwarmAppserver(DockerServices services, DockerNetworks networks) {
		this.services = services;
		this.networks = networks;
	}

	/** Makes sure an attachable overlay network of this name exists, and returns its id. */
	String ensureNetwork(String name) {
		Optional<NetworkInfo> existing = networks.find(name);
		if (existing.isPresent()) {
			NetworkInfo network = existing.get();
			requireManaged("network", name, network.labels());
			if (!"overlay".equals(network.driver())) {
				throw new IllegalStateException("network " + name + " exists but is not an overlay network");
			}
			return network.id();
		}
		log.info("creating overlay network {}", name);
		return networks.createOverlay(name, DirectorLabels.managed(), null);
	}

	/** Whether the service exists as the spec says. */
	boolean matches(AppserverServiceSpec spec) {
		Optional<ServiceInfo> found = services.inspect(spec.name());
		return found.isPresent() && !spec.differsFrom(found.get());
	}

	/**
	 * Creates the service, or updates it when its image, port, mounts or network differ from the spec, or when
	 * {@code restart} asks for its container to start afresh.
	 * @return when the service's container is a new one from now on, the time from which its task was made; empty
	 *         when the running container stays
	 */
	Optional<Instant> ensureService(AppserverServiceSpec spec, boolean restart) {
		Instant now = Instant.now();
		Optional<ServiceInfo> found = services.inspect(spec.name());
		if (found.isEmpty()) {
			log.info("creating service {} from {} on host port {}", spec.name(), spec.image(), spec.port());
			services.create(spec.definition());
			return Optional.of(now);
		}
		ServiceInfo existing = found.get();
		requireManaged("service", spec.name(), existing.labels());
		boolean differs = spec.differsFrom(existing);
		if (!differs && !restart) {
			log.info("service {} is up to date", spec.name());
			return Optional.empty();
		}
		log.info("{} service {} from {} on host port {}", differs ? "updating" : "restarting", spec.name(),
				spec.image(), spec.port());
		services.update(existing, spec.definition(), !differs);
		return Optional.of(now);
	}

	/**
	 * Waits until the service has a running task made at or after {@code since} (any, when null) and returns its
	 * container's id.
	 * @throws IllegalStateException after the timeout, with the last error Swarm reported for a task
	 */
	String awaitRunningContainer(String service, Instant since, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		String lastError = "no task yet";
		while (true) {
			for (TaskInfo task : services.tasks(service)) {
				if (task.desiredState() == TaskInfo.State.RUNNING && task.state() == TaskInfo.State.RUNNING
						&& task.containerId() != null
						&& (since == null || task.createdAt() == null || !task.createdAt().isBefore(since))) {
					return task.containerId();
				}
				if (task.error() != null) {
					lastError = task.error();
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
		if (!DirectorLabels.isManaged(labels)) {
			throw new IllegalStateException(kind + " " + name + " exists but was not made by Director"
					+ " (no label director.managed=true); remove it or choose another name");
		}
	}

}
