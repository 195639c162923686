package edu.tjhsst.director.orchestrator.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ResourceSpecs;

/**
 * Resource limits with the field docker-java 3.7.1 does not model but Docker API 1.41 accepts for services:
 * {@code Pids}, the most processes and threads a container may hold.
 */
final class PidsLimitedResources extends ResourceSpecs {

	private static final long serialVersionUID = 1L;

	@JsonProperty("Pids")
	private final long pids;

	PidsLimitedResources(long pids) {
		this.pids = pids;
	}

	long getPids() {
		return pids;
	}

}
