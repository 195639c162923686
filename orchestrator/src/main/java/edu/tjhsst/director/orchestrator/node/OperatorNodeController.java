package edu.tjhsst.director.orchestrator.node;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.dockerjava.api.model.SwarmNodeAvailability;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.docker.DockerNodes;
import edu.tjhsst.director.orchestrator.docker.NodeInfo;
import edu.tjhsst.director.orchestrator.operator.OperatorApi;

/**
 * The Swarm's nodes, and their availability: {@code drain} moves a node's tasks (sites' processes, app servers) to
 * the others, {@code pause} keeps them but sends no new ones, {@code active} takes tasks again.
 */
@RestController
@OperatorApi
@RequestMapping(OperatorApi.PATH + "/nodes")
class OperatorNodeController {

	private static final Pattern NODE_ID = Pattern.compile("[a-z0-9]{1,64}");

	private static final Set<String> AVAILABILITIES = Set.of("active", "pause", "drain");

	private final DockerNodes nodes;

	OperatorNodeController(DockerNodes nodes) {
		this.nodes = nodes;
	}

	@GetMapping
	List<NodeInfo> list() {
		return nodes.list();
	}

	/**
	 * Sets the node's availability, one change at a time. Refused: pausing or draining the node this orchestrator's
	 * engine is (the platform's control components run there, pinned to it: drained, they would stop, and with them
	 * the API that could undo it), and draining the last active, ready node (every site's process and app server
	 * would stop with nowhere to go).
	 */
	@PostMapping(path = "/{id}/availability", consumes = MediaType.APPLICATION_JSON_VALUE)
	synchronized NodeInfo availability(@PathVariable String id, @RequestBody AvailabilityChange change) {
		if (!NODE_ID.matcher(id).matches()) {
			throw new RejectedInputException("a node id is 1 to 64 lowercase letters and digits");
		}
		String wanted = change == null || change.availability() == null ? ""
				: change.availability().toLowerCase(Locale.ROOT);
		if (!AVAILABILITIES.contains(wanted)) {
			throw new RejectedInputException("availability must be active, pause or drain");
		}
		List<NodeInfo> all = nodes.list();
		NodeInfo node = all.stream().filter(listed -> listed.id().equals(id)).findFirst()
			.orElseThrow(() -> new NoSuchNodeException("the Swarm has no node " + id));
		if (!"active".equals(wanted) && nodes.self().filter(id::equals).isPresent()) {
			throw new NodeInUseException("node " + id + " runs this platform's control components (this orchestrator,"
					+ " the portal, the router, the shell server); it is not paused or drained through them");
		}
		boolean anotherServes = all.stream().anyMatch(other -> !other.id().equals(id)
				&& "active".equals(other.availability()) && "ready".equals(other.state()));
		if ("drain".equals(wanted) && !"drain".equals(node.availability()) && !anotherServes) {
			throw new NodeInUseException("node " + id + " is the Swarm's only active node: drained, every site's"
					+ " process and app server would stop with nowhere to go");
		}
		nodes.setAvailability(id, SwarmNodeAvailability.valueOf(wanted.toUpperCase(Locale.ROOT)));
		return nodes.inspect(id).orElseThrow(() -> new NoSuchNodeException("the Swarm has no node " + id));
	}

	/**
	 * An operator's change of a node's availability.
	 * @param availability {@code active}, {@code pause} or {@code drain}
	 */
	record AvailabilityChange(String availability) {
	}

}
