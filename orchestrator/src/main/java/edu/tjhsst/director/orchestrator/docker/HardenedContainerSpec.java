package edu.tjhsst.director.orchestrator.docker;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ContainerSpec;

/**
 * A container spec that drops every capability, through a field docker-java 3.7.1 does not model but Docker API
 * 1.41 accepts for services: {@code CapabilityDrop}.
 */
final class HardenedContainerSpec extends ContainerSpec {

	private static final long serialVersionUID = 1L;

	@JsonProperty("CapabilityDrop")
	private final List<String> capabilityDrop = List.of("ALL");

	List<String> getCapabilityDrop() {
		return capabilityDrop;
	}

}
