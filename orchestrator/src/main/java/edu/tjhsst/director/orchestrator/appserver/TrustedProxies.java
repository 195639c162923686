package edu.tjhsst.director.orchestrator.appserver;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.docker.DockerNetworks;

/**
 * Where the router's requests reach the appserver Nginx from, the only addresses whose client address and
 * X-Forwarded-* headers it believes: the configured ones, or else the gateway of {@code docker_gwbridge}. The router
 * connects to the published ports on loopback, and Docker's proxy for them connects to the Nginx from that gateway
 * (seen here: 172.18.0.1); a connection to the machine's own address from elsewhere keeps its source.
 */
final class TrustedProxies {

	/** The bridge Swarm's containers reach the node through, and published ports reach them from. */
	static final String GATEWAY_BRIDGE = "docker_gwbridge";

	private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

	private TrustedProxies() {
	}

	static List<String> of(OrchestratorProperties.Appserver settings, DockerNetworks networks) {
		if (!settings.trustedProxies().isEmpty()) {
			return settings.trustedProxies();
		}
		try {
			return networks.gateway(GATEWAY_BRIDGE).map(List::of).orElseGet(() -> {
				log.warn("{} has no gateway yet, so the appserver Nginx believes no client address: sites see the "
						+ "router's; set DIRECTOR_APPSERVER_TRUSTED_PROXIES", GATEWAY_BRIDGE);
				return List.of();
			});
		}
		catch (RuntimeException ex) {
			log.warn("cannot read the gateway of {} ({}), so the appserver Nginx believes no client address",
					GATEWAY_BRIDGE, ex.getMessage());
			return List.of();
		}
	}

}
