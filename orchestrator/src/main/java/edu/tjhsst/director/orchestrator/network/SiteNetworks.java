package edu.tjhsst.director.orchestrator.network;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;

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

	private final DockerClient docker;

	private final String sitesNetwork;

	private final NginxAttacher nginx;

	private final SiteNetworkRemover remover;

	private final Map<Long, Object> locks = new ConcurrentHashMap<>();

	/**
	 * The ids of the networks this orchestrator removed: the engine goes on listing a removed Swarm network for a
	 * moment, and a container attached to it then would keep a remnant that no one can remove.
	 */
	private final Set<String> removed = ConcurrentHashMap.newKeySet();

	SiteNetworks(DockerClient docker, OrchestratorProperties properties) {
		this.docker = docker;
		this.sitesNetwork = properties.appserver().network();
		this.nginx = new NginxAttacher(docker, properties.appserver().service());
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
			Network network = find(docker, name).map(found -> requireOwn(found, siteId))
				.orElseGet(() -> create(name, siteId));
			removed.remove(network.getId());
			for (Container container : nginx.containers()) {
				if (!NginxAttacher.networksOf(container).containsKey(name)) {
					nginx.connect(container.getId(), network, patience);
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
			Optional<Network> existing = find(docker, name);
			if (existing.isEmpty()) {
				return;
			}
			String id = requireOwn(existing.get(), siteId).getId();
			nginx.detach(name, id);
			removed.add(id);
			remover.remove(siteId, name, id);
		}
	}

	/**
	 * Attaches every running container of the appserver Nginx to each of this orchestrator's site networks it is not
	 * on yet, as a container Swarm started afresh needs; returns how many attachments were made.
	 */
	public int attachNginx() {
		List<Container> containers = nginx.containers();
		if (containers.isEmpty()) {
			return 0;
		}
		List<Network> networks = docker.listNetworksCmd()
			.withFilter("label", List.of("director.role=" + ROLE, SITES_LABEL + "=" + sitesNetwork))
			.exec();
		int attached = 0;
		for (Container container : containers) {
			Map<String, ?> joined = NginxAttacher.networksOf(container);
			for (Network network : networks) {
				Long siteId = siteId(network);
				if (siteId == null || joined.containsKey(network.getName()) || removed.contains(network.getId())) {
					continue;
				}
				// Under the site's lock, so that a removal never finds the Nginx re-attached between its two steps.
				synchronized (lock(siteId)) {
					if (!removed.contains(network.getId())
							&& nginx.connect(container.getId(), network, Duration.ZERO)) {
						attached++;
					}
				}
			}
		}
		return attached;
	}

	private Network create(String name, long siteId) {
		// One at a time, so that two sites never pick the same free subnet.
		synchronized (removed) {
			SiteSubnet subnet = SiteSubnet.free(docker.listNetworksCmd().exec());
			log.info("creating overlay network {} on {}", name, subnet.subnet());
			docker.createNetworkCmd()
				.withName(name)
				.withDriver("overlay")
				// Attachable, so that the Nginx's container and the site's terminal container, which are not the
				// network's own services, may join it.
				.withAttachable(true)
				.withCheckDuplicate(true)
				.withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet.subnet())
					.withIpRange(subnet.ipRange())))
				.withLabels(Map.of("director.managed", "true", "director.role", ROLE, "director.site",
						Long.toString(siteId), SITES_LABEL, sitesNetwork))
				.exec();
		}
		return find(docker, name)
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

	/** The network of exactly that name, if the engine lists one. */
	static Optional<Network> find(DockerClient docker, String name) {
		// The name filter matches parts of names: site 4 would also find site 42's network.
		return docker.listNetworksCmd().withNameFilter(name).exec().stream()
			.filter(network -> name.equals(network.getName()))
			.findFirst();
	}

	private Network requireOwn(Network network, long siteId) {
		Map<String, String> labels = network.getLabels();
		if (labels == null || !"true".equals(labels.get("director.managed")) || !ROLE.equals(labels.get("director.role"))
				|| !Long.toString(siteId).equals(labels.get("director.site"))) {
			throw new IllegalStateException("network " + network.getName() + " exists but was not made by Director for"
					+ " site " + siteId + "; remove it or rename it");
		}
		if (!"overlay".equals(network.getDriver())) {
			throw new IllegalStateException("network " + network.getName() + " exists but is not an overlay network");
		}
		return network;
	}

	private static Long siteId(Network network) {
		try {
			return Long.parseLong(network.getLabels().get("director.site"));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private Object lock(long siteId) {
		return locks.computeIfAbsent(siteId, id -> new Object());
	}

}
