package edu.tjhsst.director.orchestrator.docker;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeSpec;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.docker.DockerAudit.Change;

/**
 * The Swarm's nodes: reading them, and setting whether each takes new tasks (active), keeps its own but takes no new
 * ones (pause) or hands its tasks to the other nodes (drain).
 */
@Component
public class DockerNodes {

	private final DockerClient docker;

	private final DockerAudit audit;

	DockerNodes(DockerClients clients, DockerAudit audit) {
		this.docker = clients.shared();
		this.audit = audit;
	}

	/** Every node of the Swarm, managers first, then by host name. */
	public List<NodeInfo> list() {
		return docker.listSwarmNodesCmd().exec().stream().map(NodeInfo::from)
			.sorted(Comparator.comparing((NodeInfo node) -> !"manager".equals(node.role()))
				.thenComparing(node -> String.valueOf(node.hostname())))
			.toList();
	}

	/** The id of the node this engine is, if it is in a Swarm. */
	public Optional<String> self() {
		var swarm = docker.infoCmd().exec().getSwarm();
		return Optional.ofNullable(swarm == null ? null : swarm.getNodeID()).filter(id -> !id.isBlank());
	}

	/** The node with that id, if the Swarm has it. */
	public Optional<NodeInfo> inspect(String id) {
		try {
			return docker.listSwarmNodesCmd().withIdFilter(List.of(id)).exec().stream()
				.filter(node -> id.equals(node.getId())).findFirst().map(NodeInfo::from);
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Sets the node's availability, keeping the rest of its spec (name, role, labels) as read.
	 * @param availability {@code active}, {@code pause} or {@code drain}
	 * @throws DockerNotFoundException when the Swarm has no such node
	 */
	public void setAvailability(String id, SwarmNodeAvailability availability) {
		SwarmNode node = docker.listSwarmNodesCmd().withIdFilter(List.of(id)).exec().stream()
			.filter(listed -> id.equals(listed.getId())).findFirst()
			.orElseThrow(() -> new DockerNotFoundException("no node " + id, null));
		SwarmNodeSpec read = node.getSpec() == null ? new SwarmNodeSpec() : node.getSpec();
		SwarmNodeSpec spec = new SwarmNodeSpec().withName(read.getName()).withRole(read.getRole())
			.withLabels(read.getLabels()).withAvailability(availability);
		audit.run(Change.UPDATE, "node", id, "availability " + availability.name().toLowerCase(Locale.ROOT),
				() -> docker.updateSwarmNodeCmd().withSwarmNodeId(id).withVersion(node.getVersion().getIndex())
					.withSwarmNodeSpec(spec).exec());
	}

}
