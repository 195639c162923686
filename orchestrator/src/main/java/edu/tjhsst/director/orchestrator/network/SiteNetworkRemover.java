package edu.tjhsst.director.orchestrator.network;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerNetworks;
import edu.tjhsst.director.orchestrator.docker.DockerNotFoundException;
import edu.tjhsst.director.orchestrator.docker.DockerRefusedException;

/** Removes a site network the Nginx has left, and what the engine keeps of it. */
final class SiteNetworkRemover {

	/** How long a removal waits for Swarm to let go of the network of a site whose containers have just stopped. */
	private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(20);

	private static final Logger log = LoggerFactory.getLogger(SiteNetworkRemover.class);

	private final DockerNetworks docker;

	private final String sitesNetwork;

	SiteNetworkRemover(DockerNetworks docker, String sitesNetwork) {
		this.docker = docker;
		this.sitesNetwork = sitesNetwork;
	}

	/** Removes the site's network, which must be this orchestrator's and have no Nginx attached any more. */
	void remove(long siteId, String name, String id) {
		log.info("removing network {}", name);
		removeNetwork(id, name);
		dropRemnant(siteId, name, id);
	}

	/** Removes the network, waiting while Swarm still holds an endpoint of a container that has just stopped. */
	private void removeNetwork(String id, String name) {
		Instant deadline = Instant.now().plus(REMOVE_TIMEOUT);
		while (true) {
			try {
				docker.remove(id, name);
				return;
			}
			catch (DockerNotFoundException ex) {
				return;
			}
			catch (DockerRefusedException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("cannot remove network " + name + ": " + ex.getMessage(), ex);
				}
			}
			SiteNetworks.pause("removing network " + name);
		}
	}

	/**
	 * Clears what the engine keeps of a removed network that the Nginx was attached to: Swarm has let go of it, but
	 * the node's load-balancer endpoint stays and the network goes on being listed, which no removal can end.
	 */
	private void dropRemnant(long siteId, String name, String id) {
		if (docker.find(name).filter(network -> id.equals(network.id())).isEmpty()) {
			return;
		}
		try {
			docker.disconnect(name + "-endpoint", id);
			docker.prune(DirectorLabels.filter(DirectorLabels.ROLE, SiteNetworks.ROLE),
					DirectorLabels.filter(DirectorLabels.SITE, Long.toString(siteId)),
					DirectorLabels.filter(SiteNetworks.SITES_LABEL, sitesNetwork));
		}
		catch (DockerRefusedException ex) {
			log.info("the engine still lists the removed network {}: {}", name, ex.getMessage());
		}
	}

}
