package edu.tjhsst.director.orchestrator.docker;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;

/**
 * A container as the engine reports it, in Director's terms.
 * @param id its id
 * @param created when it was made, or null when unknown
 * @param running whether it runs
 * @param labels its labels, empty when it has none
 * @param networks the names of the networks it is on
 */
public record ContainerInfo(String id, Instant created, boolean running, Map<String, String> labels,
		Set<String> networks) {

	/** A container as a listing shows it. */
	static ContainerInfo from(Container container) {
		return new ContainerInfo(container.getId(),
				container.getCreated() == null ? null : Instant.ofEpochSecond(container.getCreated()),
				"running".equals(container.getState()), labels(container.getLabels()),
				networks(container.getNetworkSettings() == null ? null : container.getNetworkSettings().getNetworks()));
	}

	/** A container as its inspection shows it. */
	static ContainerInfo from(InspectContainerResponse container) {
		return new ContainerInfo(container.getId(), parse(container.getCreated()),
				container.getState() != null && Boolean.TRUE.equals(container.getState().getRunning()),
				labels(container.getConfig() == null ? null : container.getConfig().getLabels()),
				networks(container.getNetworkSettings() == null ? null : container.getNetworkSettings().getNetworks()));
	}

	private static Map<String, String> labels(Map<String, String> labels) {
		return labels == null ? Map.of() : Map.copyOf(labels);
	}

	private static Set<String> networks(Map<String, ?> byName) {
		return byName == null ? Set.of() : Set.copyOf(byName.keySet());
	}

	private static Instant parse(String text) {
		try {
			return text == null ? null : Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
