package edu.tjhsst.director.common.health;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * A component's answer to {@code GET /health}, which needs no signature: whether it serves, and when its process
 * started. The start tells the manager that a component came back (after a crash, an update, a machine's restart),
 * so that it states every site to it again at once rather than at its next round.
 * @param status {@code UP} or {@code DOWN}
 * @param started when the component's process started
 */
public record ComponentHealth(String status, Instant started) {

	/** When this JVM started: the same for every answer of one process, another after a restart. */
	public static final Instant THIS_PROCESS = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

	public static ComponentHealth up() {
		return new ComponentHealth("UP", THIS_PROCESS);
	}

	public static ComponentHealth down() {
		return new ComponentHealth("DOWN", THIS_PROCESS);
	}

}
