package edu.tjhsst.director.orchestrator.docker;

import java.time.Duration;
import java.util.Map;

/**
 * A Swarm service as Director wants it, in Director's terms; {@link ServiceSpecs} makes docker-java's spec of it.
 * Every service is reached by its name on its one network (DNS round robin, no virtual IP) and restarts its task when
 * it fails. A null part takes Swarm's default.
 * @param name the service's name
 * @param labels the service's labels
 * @param replicas how many tasks run
 * @param container what each task runs
 * @param network the name or id of the network its tasks join
 * @param stopGracePeriod how long a stopping task has between SIGTERM and SIGKILL
 * @param restarts how often a failed task is started again, or null for always
 * @param startFirstMonitor when set, an update starts the new task before it stops the old one, and rolls back if the
 *        new one fails within this time (a rollback that fails pauses)
 * @param port the port published on each node, or null for none
 */
public record ServiceDefinition(String name, Map<String, String> labels, int replicas, ContainerDefinition container,
		String network, Duration stopGracePeriod, Restarts restarts, Duration startFirstMonitor, PublishedPort port) {

	/** A service of that many tasks on one network, with Swarm's defaults for the rest. */
	public static ServiceDefinition of(String name, Map<String, String> labels, int replicas,
			ContainerDefinition container, String network) {
		return new ServiceDefinition(name, labels, replicas, container, network, null, null, null, null);
	}

	/** This service with a stop grace period. */
	public ServiceDefinition stoppingWithin(Duration grace) {
		return new ServiceDefinition(name, labels, replicas, container, network, grace, restarts, startFirstMonitor,
				port);
	}

	/** This service with a failed task started again at most so often. */
	public ServiceDefinition restarting(Restarts policy) {
		return new ServiceDefinition(name, labels, replicas, container, network, stopGracePeriod, policy,
				startFirstMonitor, port);
	}

	/** This service updated new task first, watched for a while (see {@link #startFirstMonitor}). */
	public ServiceDefinition updatingStartFirst(Duration monitor) {
		return new ServiceDefinition(name, labels, replicas, container, network, stopGracePeriod, restarts, monitor,
				port);
	}

	/** This service publishing its tasks' TCP port on each node's host port, in host mode. */
	public ServiceDefinition publishing(int targetPort, int hostPort) {
		return new ServiceDefinition(name, labels, replicas, container, network, stopGracePeriod, restarts,
				startFirstMonitor, new PublishedPort(targetPort, hostPort));
	}

	/**
	 * How often a failed task is started again: up to {@code maxAttempts} times within {@code window}, {@code delay}
	 * apart.
	 */
	public record Restarts(Duration delay, long maxAttempts, Duration window) {
	}

	/** A task's TCP port, published on each node's host port in host mode. */
	public record PublishedPort(int target, int published) {
	}

}
