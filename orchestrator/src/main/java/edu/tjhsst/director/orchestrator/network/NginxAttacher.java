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

	/** What became of one attachment. */
	enum Attachment {

		/** The container joined the network now. */
		MADE,

		/** It was on it already. */
		NOT_NEEDED,

		/**
		 * The container or the network is still not found once the patience is spent: the engine may not know of a
		 * network created a moment ago, and a container that has gone is the reattacher's business.
		 */
		NOT_YET,

		/**
		 * The appserver's reserved address on the network is still held, by the container this one replaces: the
		 * reattacher tries again once it has left.
		 */
		ADDRESS_TAKEN

	}

	/** Attaches a container to a site network at the address kept for its appserver service. */
	Attachment connect(ContainerInfo nginx, NetworkInfo network, Duration patience) {
		String container = nginx.id();
		String name = network.name();
		int appserver = nginxServices.indexOf(nginx.labels().get(SERVICE_LABEL));
		if (appserver < 0) {
			// Not a task of one of the appserver services; nothing it may be given.
			return Attachment.NOT_YET;
		}
		Instant deadline = Instant.now().plus(patience);
		while (true) {
			try {
				// The address Swarm never hands out (see SiteSubnet), one for each appserver service.
				networks.connect(container, network, SiteSubnet.nginxAddress(network, appserver).orElse(null));
				log.info("attached the appserver Nginx {} to {}", shortId(container), name);
				return Attachment.MADE;
			}
			catch (DockerNotFoundException ex) {
				if (!Instant.now().isBefore(deadline)) {
					log.debug("cannot attach the appserver Nginx {} to {} yet: {}", shortId(container), name,
							ex.getMessage());
					return Attachment.NOT_YET;
				}
			}
			catch (DockerRefusedException ex) {
				String message = ex.getMessage() == null ? "" : ex.getMessage();
				if (message.contains("already exists")) {
					return Attachment.NOT_NEEDED;
				}
				if (message.contains("Address already in use")) {
					log.info("the appserver Nginx {} waits for its address on {}: {}", shortId(container), name,
							message);
					return Attachment.ADDRESS_TAKEN;
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
