package edu.tjhsst.director.orchestrator.appserver;

import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.docker.DockerNetworks;

/**
 * Where the router's requests reach the appserver Nginx from, the only addresses whose client address and
 * X-Forwarded-* headers it believes: the configured ones, or else the gateway of {@code docker_gwbridge}. The router
 * connects to the published ports on 127.0.0.1, and Docker's proxy for them (or, without it, its hairpin NAT) connects
 * to the Nginx from that gateway (seen here: 172.18.0.1); a connection to another of the machine's addresses keeps its
 * source. The gateway is looked up until it is found: on a new Swarm the bridge may come with the first service.
 */
final class TrustedProxies implements Supplier<List<String>> {

	/** The bridge Swarm's containers reach the node through, and published ports reach them from. */
	static final String GATEWAY_BRIDGE = "docker_gwbridge";

	private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

	private final List<String> configured;

	private final DockerNetworks networks;

	private volatile List<String> found = List.of();

	TrustedProxies(OrchestratorProperties.Appserver settings, DockerNetworks networks) {
		this.configured = settings.trustedProxies();
		this.networks = networks;
	}

	@Override
	public List<String> get() {
		if (!configured.isEmpty()) {
			return configured;
		}
		if (found.isEmpty()) {
			try {
				found = networks.gateway(GATEWAY_BRIDGE)
					.filter(OrchestratorProperties.Appserver::isIpv4Block)
					.map(List::of)
					.orElse(List.of());
			}
			catch (RuntimeException ex) {
				log.warn("cannot read the gateway of {}: {}", GATEWAY_BRIDGE, ex.getMessage());
			}
			if (found.isEmpty()) {
				log.warn("{} has no IPv4 gateway (yet), so the appserver Nginx believes no client address: sites see "
						+ "the router's; it is looked up again, or set DIRECTOR_APPSERVER_TRUSTED_PROXIES",
						GATEWAY_BRIDGE);
			}
		}
		return found;
	}

}
