package edu.tjhsst.director.orchestrator.network;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ConnectToNetworkCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerNetworkSettings;
import com.github.dockerjava.api.model.Network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Attaches the appserver Nginx's running containers to a site network at the address kept for it; detaches them. */
final class NginxAttacher {

	private static final String SERVICE_LABEL = "com.docker.swarm.service.name";

	private static final Logger log = LoggerFactory.getLogger(NginxAttacher.class);

	private final DockerClient docker;

	private final String nginxService;

	NginxAttacher(DockerClient docker, String nginxService) {
		this.docker = docker;
		this.nginxService = nginxService;
	}

	/** The appserver Nginx's running containers: one, or briefly two while Swarm replaces it. */
	List<Container> containers() {
		return docker.listContainersCmd()
			.withLabelFilter(Map.of(SERVICE_LABEL, nginxService))
			.withStatusFilter(List.of("running"))
			.exec();
	}

	/** The networks a listed container is on, by name. */
	static Map<String, ?> networksOf(Container container) {
		ContainerNetworkSettings settings = container.getNetworkSettings();
		return settings == null || settings.getNetworks() == null ? Map.of() : settings.getNetworks();
	}

	/**
	 * Attaches a container and says whether it did; false when it already was attached, or when the container or the
	 * network is still not found once the patience is spent (the engine may not know of a network created a moment
	 * ago; a container that has gone is the reattacher's business).
	 */
	boolean connect(String container, Network network, Duration patience) {
		String name = network.getName();
		Instant deadline = Instant.now().plus(patience);
		while (true) {
			try {
				ConnectToNetworkCmd connect = docker.connectToNetworkCmd().withContainerId(container)
					.withNetworkId(network.getId());
				// The address Swarm never hands out (see SiteSubnet).
				SiteSubnet.nginxAddress(network).ifPresent(address -> connect.withContainerNetwork(
						new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(address))));
				connect.exec();
				log.info("attached the appserver Nginx {} to {}", shortId(container), name);
				return true;
			}
			catch (NotFoundException ex) {
				if (!Instant.now().isBefore(deadline)) {
					log.debug("cannot attach the appserver Nginx {} to {} yet: {}", shortId(container), name,
							ex.getMessage());
					return false;
				}
			}
			catch (DockerException ex) {
				if (ex.getMessage() != null && ex.getMessage().contains("already exists")) {
					return false;
				}
				throw ex;
			}
			SiteNetworks.pause("attaching the appserver Nginx to " + name);
		}
	}

	/** Detaches every running container of the Nginx that is on the network. */
	void detach(String name, String networkId) {
		for (Container nginx : containers()) {
			if (networksOf(nginx).containsKey(name)) {
				disconnect(nginx.getId(), networkId);
			}
		}
	}

	private void disconnect(String container, String networkId) {
		try {
			docker.disconnectFromNetworkCmd().withContainerId(container).withNetworkId(networkId).withForce(true).exec();
		}
		catch (NotFoundException ex) {
			// The container or the network is already gone.
		}
	}

	private static String shortId(String container) {
		return container.substring(0, Math.min(12, container.length()));
	}

}
