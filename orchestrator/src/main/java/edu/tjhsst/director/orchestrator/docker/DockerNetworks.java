package edu.tjhsst.director.orchestrator.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ConnectToNetworkCmd;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PruneType;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.docker.DockerAudit.Change;

/**
 * Networks: finding them, making attachable overlay networks, attaching containers to them and removing them. A
 * refusal reaches the caller as a {@link DockerRefusedException}, or a {@link DockerNotFoundException} when the
 * network or the container is not there.
 */
@Component
public class DockerNetworks {

	private final DockerClient docker;

	private final DockerAudit audit;

	DockerNetworks(DockerClients clients, DockerAudit audit) {
		this.docker = clients.shared();
		this.audit = audit;
	}

	/** The network of exactly that name, if the engine lists one. */
	public Optional<NetworkInfo> find(String name) {
		// The name filter matches parts of names: site 4 would also find site 42's network.
		return docker.listNetworksCmd().withNameFilter(name).exec().stream()
			.filter(network -> name.equals(network.getName()))
			.findFirst()
			.map(NetworkInfo::from);
	}

	/** Every network the engine lists. */
	public List<NetworkInfo> all() {
		return docker.listNetworksCmd().exec().stream().map(NetworkInfo::from).toList();
	}

	/** The networks whose labels match all the filters, each {@code key=value}. */
	public List<NetworkInfo> labelled(String... filters) {
		return docker.listNetworksCmd().withFilter("label", List.of(filters)).exec().stream()
			.map(NetworkInfo::from).toList();
	}

	/**
	 * Makes an overlay network that containers which are not its services' may join, and returns its id.
	 * @param subnet its address range, or null for one the engine chooses
	 */
	public String createOverlay(String name, Map<String, String> labels, NetworkInfo.Subnet subnet) {
		return audit.call(Change.CREATE, "network", name, subnet == null ? null : subnet.subnet(), () -> {
			var create = docker.createNetworkCmd()
				.withName(name)
				.withDriver("overlay")
				.withAttachable(true)
				.withCheckDuplicate(true)
				.withLabels(labels);
			if (subnet != null) {
				create.withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet.subnet())
					.withIpRange(subnet.ipRange())));
			}
			return create.exec().getId();
		});
	}

	/**
	 * Attaches a container to a network.
	 * @param address the container's IPv4 address on it, or null for one the engine chooses
	 */
	public void connect(String container, NetworkInfo network, String address) {
		audit.run(Change.CONNECT, "network", network.name(), "container " + container, () -> {
			ConnectToNetworkCmd connect = docker.connectToNetworkCmd().withContainerId(container)
				.withNetworkId(network.id());
			if (address != null) {
				connect.withContainerNetwork(
						new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(address)));
			}
			connect.exec();
		});
	}

	/** Detaches a container, or an endpoint of that name, from a network, even a running one. */
	public void disconnect(String container, String networkId) {
		audit.run(Change.DISCONNECT, "network", networkId, "container " + container, () -> docker
			.disconnectFromNetworkCmd().withContainerId(container).withNetworkId(networkId).withForce(true).exec());
	}

	public void remove(String networkId, String name) {
		audit.run(Change.REMOVE, "network", name, null, () -> docker.removeNetworkCmd(networkId).exec());
	}

	/** Removes the networks no container uses whose labels match all the filters, each {@code key=value}. */
	public void prune(String... filters) {
		audit.run(Change.PRUNE, "networks", String.join(",", filters), null,
				() -> docker.pruneCmd(PruneType.NETWORKS).withLabelFilter(filters).exec());
	}

}
