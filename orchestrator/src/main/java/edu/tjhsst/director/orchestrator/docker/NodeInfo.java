package edu.tjhsst.director.orchestrator.docker;

import java.util.Locale;
import java.util.Map;

import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeDescription;
import com.github.dockerjava.api.model.SwarmNodeResources;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.SwarmNodeStatus;

/**
 * One node of the Swarm, as the engine reports it, in Director's terms.
 * @param id the node's id
 * @param version the version of its record, which an update must name
 * @param hostname the machine's name
 * @param role {@code manager} or {@code worker}
 * @param availability {@code active}, {@code pause} or {@code drain}
 * @param state {@code ready}, {@code down}, {@code disconnected} or {@code unknown}
 * @param address where the other nodes reach it, or null when unknown
 * @param leader whether it leads the Swarm's managers
 * @param cpus its processors, in billionths, or 0 when unknown
 * @param memoryBytes its memory, or 0 when unknown
 * @param labels its labels (placement constraints use them)
 */
public record NodeInfo(String id, long version, String hostname, String role, String availability, String state,
		String address, boolean leader, long cpus, long memoryBytes, Map<String, String> labels) {

	static NodeInfo from(SwarmNode node) {
		SwarmNodeSpec spec = node.getSpec() == null ? new SwarmNodeSpec() : node.getSpec();
		SwarmNodeStatus status = node.getStatus();
		SwarmNodeDescription description = node.getDescription();
		SwarmNodeResources resources = description == null ? null : description.getResources();
		return new NodeInfo(node.getId(), node.getVersion() == null ? 0 : node.getVersion().getIndex(),
				description == null ? null : description.getHostname(), word(spec.getRole()),
				word(spec.getAvailability()), status == null ? "unknown" : word(status.getState()),
				status == null ? null : status.getAddress(),
				node.getManagerStatus() != null && node.getManagerStatus().isLeader(),
				resources == null || resources.getNanoCPUs() == null ? 0 : resources.getNanoCPUs(),
				resources == null || resources.getMemoryBytes() == null ? 0 : resources.getMemoryBytes(),
				spec.getLabels() == null ? Map.of() : Map.copyOf(spec.getLabels()));
	}

	private static String word(Enum<?> value) {
		return value == null ? "unknown" : value.name().toLowerCase(Locale.ROOT);
	}

}
