package edu.tjhsst.director.orchestrator.network;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.docker.ContainerInfo;
import edu.tjhsst.director.orchestrator.docker.DockerContainers;
import edu.tjhsst.director.orchestrator.docker.DockerNetworks;
import edu.tjhsst.director.orchestrator.docker.DockerNotFoundException;
import edu.tjhsst.director.orchestrator.docker.DockerRefusedException;
import edu.tjhsst.director.orchestrator.docker.NetworkInfo;

/** Attaches the appserver Nginx services' running containers to a site network at the address kept for it; detaches them. */
final class NginxAttacher {

	private static final Logger log = LoggerFactory.getLogger(NginxAttacher.class);

	private final DockerContainers containers;

	private final DockerNetworks networks;

	private final List<String> nginxServices;

	/** The label Swarm puts on a task's container naming its service. */
	private static final String SERVICE_LABEL = "com.docker.swarm.service.name";

	NginxAttacher(DockerContainers containers, DockerNetworks networks, List<String> nginxServices) {
		this.containers = containers;
		this.networks = networks;
		this.nginxServices = List.copyOf(nginxServices);
	}

	/** The appserver Nginx services' running containers: one each, or briefly two while Swarm replaces one. */
	List<ContainerInfo> containers() {
		return nginxServices.stream().flatMap(service -> containers.runningOf(service).stream()).toList();
	}

	/**
	 * Attaches a container and says whether it did; false when it already was attached, or when the container or the
	 * network is still not found once the patience is spent (the engine may not know of a network created a moment
	 * ago; a container that has gone is the reattacher's business).
	 */
	boolean connect(ContainerInfo nginx, NetworkInfo network, Duration patience) {
		String container = nginx.id();
		String name = network.name();
		Instant deadline = Instant.now().plus(patience);
		// The address Swarm never hands out (see SiteSubnet), one for each appserver service. A container replacing
		// another of its service is refused it until the other has left; the reattacher tries again.
		int appserver = Math.max(0, nginxServices.indexOf(nginx.labels().get(SERVICE_LABEL)));
		while (true) {
			try {
				networks.connect(container, network, SiteSubnet.nginxAddress(network, appserver).orElse(null));
				log.info("attached the appserver Nginx {} to {}", shortId(container), name);
				return true;
			}
			catch (DockerNotFoundException ex) {
				if (!Instant.now().isBefore(deadline)) {
					log.debug("cannot attach the appserver Nginx {} to {} yet: {}", shortId(container), name,
							ex.getMessage());
					return false;
				}
			}
			catch (DockerRefusedException ex) {
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
		for (ContainerInfo nginx : containers()) {
			if (nginx.networks().contains(name)) {
				disconnect(nginx.id(), networkId);
			}
		}
	}

	private void disconnect(String container, String networkId) {
		try {
			networks.disconnect(container, networkId);
		}
		catch (DockerNotFoundException ex) {
			// The container or the network is already gone.
		}
	}

	private static String shortId(String container) {
		return container.substring(0, Math.min(12, container.length()));
	}

}
