package edu.tjhsst.director.orchestrator.network;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.docker.ContainerInfo;
import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerContainers;
import edu.tjhsst.director.orchestrator.docker.DockerNetworks;
import edu.tjhsst.director.orchestrator.docker.NetworkInfo;

/**
 * Each site's own attachable overlay network, {@code <sites network>-<id>}: the only network its process and its
 * terminal container join, and one the appserver Nginx's container is attached to.
 * <p>
 * Why one network per site: on one shared network every site's process could open a connection to every other's
 * (a Python site sent FastCGI with {@code PHP_VALUE=auto_prepend_file=php://input} to another site's php-fpm and ran
 * code as its owner), and an overlay network has no switch to forbid traffic between its containers the way a
 * bridge's {@code icc=false} does. A site alone on its network cannot resolve another site's name and has no route to
 * its subnet; its way out is {@code docker_gwbridge}, where containers may not talk to each other. The cost, measured
 * on this kind of machine: one {@code docker network connect} of the Nginx container takes about 0.07 s, and the
 * Nginx keeps the shared network for itself only.
 */
@Component
public class SiteNetworks {

	/** The value of {@code director.role} on every site network. */
	static final String ROLE = "site-network";

	/** The label naming the sites network a site network belongs to, so that each orchestrator keeps to its own. */
	static final String SITES_LABEL = "director.sites-network";

	/** How long attaching the Nginx to a network made a moment ago may wait for the engine to know of it. */
	private static final Duration ATTACH_PATIENCE = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(SiteNetworks.class);

	private final DockerNetworks docker;

	private final String sitesNetwork;

	private final NginxAttacher nginx;

	private final SiteNetworkRemover remover;

	private final AppserverReadiness readiness;

	private final Map<Long, Object> locks = new ConcurrentHashMap<>();

	/**
	 * The ids of the networks this orchestrator removed: the engine goes on listing a removed Swarm network for a
	 * moment, and a container attached to it then would keep a remnant that no one can remove.
	 */
	private final Set<String> removed = ConcurrentHashMap.newKeySet();

	SiteNetworks(DockerNetworks docker, DockerContainers containers, OrchestratorProperties properties) {
		this.docker = docker;
		this.sitesNetwork = properties.appserver().network();
		this.nginx = new NginxAttacher(containers, docker, properties.appserver().services());
		this.readiness = new AppserverReadiness(properties.appserverNginxDir());
		this.remover = new SiteNetworkRemover(docker, sitesNetwork);
	}

	/** The name of a site's network, derived from the configured sites network so that separate runs never share one. */
	public String name(long siteId) {
		if (siteId <= 0) {
			throw new IllegalArgumentException("a site id is positive");
		}
		return sitesNetwork + "-" + siteId;
	}

	/**
	 * Makes sure the site's network exists, attaches the appserver Nginx's running containers to it if the engine
	 * already knows it, and returns its name. Repeating it changes nothing.
	 */
	public String ensure(long siteId) {
		return attach(siteId, Duration.ZERO);
	}

	/**
	 * Attaches the appserver Nginx's running containers to the site's network once the engine knows it, waiting for
	 * that a while, so that the site answers as soon as its process does; call it after the site's service is made.
	 * The engine refuses to attach a Swarm task's container (as the Nginx's is) to a Swarm network until a container
	 * on this node uses it, which the site's own task is about to; a network that stays unknown is left to the
	 * reattacher.
	 */
	public void awaitNginx(long siteId) {
		attach(siteId, ATTACH_PATIENCE);
	}

	private String attach(long siteId, Duration patience) {
		String name = name(siteId);
		synchronized (lock(siteId)) {
			NetworkInfo network = docker.find(name).map(found -> requireOwn(found, siteId))
				.orElseGet(() -> create(name, siteId));
			removed.remove(network.id());
			for (ContainerInfo container : nginx.containers()) {
				if (!container.networks().contains(name)) {
					nginx.connect(container, network, patience);
				}
			}
			return name;
		}
	}

	/**
	 * Detaches the appserver Nginx from the site's network and removes it, once the site's process and terminal
	 * container are gone; nothing to do if there is none.
	 */
	public void remove(long siteId) {
		String name = name(siteId);
		synchronized (lock(siteId)) {
			Optional<NetworkInfo> existing = docker.find(name);
			if (existing.isEmpty()) {
				return;
			}
			String id = requireOwn(existing.get(), siteId).id();
			nginx.detach(name, id);
			removed.add(id);
			remover.remove(siteId, name, id);
		}
	}

	/**
	 * Attaches every running container of the appserver Nginx to each of this orchestrator's site networks it is not
	 * on yet, as a container Swarm started afresh needs, and then lets it serve (see {@link AppserverReadiness});
	 * returns how many attachments were made.
	 */
	public int attachNginx() {
		List<ContainerInfo> containers = nginx.containers();
		readiness.retainOnly(containers.stream().map(ContainerInfo::id).collect(Collectors.toSet()));
		if (containers.isEmpty()) {
			return 0;
		}
		List<NetworkInfo> networks = docker.labelled(DirectorLabels.filter(DirectorLabels.ROLE, ROLE),
				DirectorLabels.filter(SITES_LABEL, sitesNetwork));
		int attached = 0;
		for (ContainerInfo container : containers) {
			boolean complete = true;
			for (NetworkInfo network : networks) {
				Optional<Long> siteId = DirectorLabels.site(network.labels());
				if (siteId.isEmpty() || container.networks().contains(network.name())
						|| removed.contains(network.id())) {
					continue;
				}
				// Under the site's lock, so that a removal never finds the Nginx re-attached between its two steps.
				synchronized (lock(siteId.get())) {
					if (removed.contains(network.id())) {
						continue;
					}
					NginxAttacher.Attachment attachment = nginx.connect(container, network, Duration.ZERO);
					attached += attachment == NginxAttacher.Attachment.MADE ? 1 : 0;
					complete = complete && attachment != NginxAttacher.Attachment.ADDRESS_TAKEN;
				}
			}
			// A container that could not take its address on some site's network would answer that site with "not
			// running": it serves once it has them all (or its start script stops waiting).
			if (complete) {
				readiness.ready(container.id());
			}
		}
		return attached;
	}

	private NetworkInfo create(String name, long siteId) {
		// One at a time, so that two sites never pick the same free subnet.
		synchronized (removed) {
			SiteSubnet subnet = SiteSubnet.free(docker.all());
			log.info("creating overlay network {} on {}", name, subnet.subnet());
			Map<String, String> labels = DirectorLabels.of(ROLE, siteId);
			labels.put(SITES_LABEL, sitesNetwork);
			// Attachable, so that the Nginx's container and the site's terminal container, which are not the
			// network's own services, may join it.
			docker.createOverlay(name, labels, new NetworkInfo.Subnet(subnet.subnet(), subnet.ipRange()));
		}
		return docker.find(name)
			.orElseThrow(() -> new IllegalStateException("network " + name + " vanished once made"));
	}

	/** Waits a moment before the next try of what the engine refused. */
	static void pause(String doing) {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while " + doing, ex);
		}
	}

	private NetworkInfo requireOwn(NetworkInfo network, long siteId) {
		if (!DirectorLabels.isSite(network.labels(), ROLE, siteId)) {
			throw new IllegalStateException("network " + network.name() + " exists but was not made by Director for"
					+ " site " + siteId + "; remove it or rename it");
		}
		if (!"overlay".equals(network.driver())) {
			throw new IllegalStateException("network " + network.name() + " exists but is not an overlay network");
		}
		return network;
	}

	private Object lock(long siteId) {
		return locks.computeIfAbsent(siteId, id -> new Object());
	}

}
