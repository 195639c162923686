package edu.tjhsst.director.manager.api;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.web.PrometheusFormat;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.shell.ShellServerMetrics;

/**
 * The other components' metrics, for the administrator's Prometheus that reads the portal's own at
 * {@code /actuator/prometheus}: the same token ({@code metrics:read}) reads {@code /api/v1/metrics/orchestrator},
 * {@code /api/v1/metrics/router} and {@code /api/v1/metrics/shell}, which the portal fetches with its signature (the
 * components answer no one else).
 * A component that cannot be reached, or refuses, answers 502, which Prometheus records as that target being down.
 */
@ApiController
class MetricsRelayController {

	private static final Logger log = LoggerFactory.getLogger(MetricsRelayController.class);

	private final OrchestratorClient orchestrator;

	private final RouterClient router;

	private final ShellServerMetrics shell;

	MetricsRelayController(OrchestratorClient orchestrator, RouterClient router, ShellServerMetrics shell) {
		this.orchestrator = orchestrator;
		this.router = router;
		this.shell = shell;
	}

	@GetMapping(path = "/api/v1/metrics/{component}", produces = PrometheusFormat.TEXT)
	ResponseEntity<String> relay(@PathVariable String component) {
		Supplier<String> scrape = switch (component) {
			case "orchestrator" -> orchestrator::metrics;
			case "router" -> router::metrics;
			case "shell" -> () -> shell.metrics().orElseThrow(() -> new ApiRequestException(HttpStatus.NOT_FOUND,
					"This portal has no shell server (no shell server key is configured)."));
			default -> throw new ApiRequestException(HttpStatus.NOT_FOUND, "The metrics are those of orchestrator, "
					+ "router and shell (and the portal's, at /actuator/prometheus).");
		};
		String text;
		try {
			text = scrape.get();
		}
		catch (ComponentCallException ex) {
			log.warn("cannot read the {}'s metrics: {}", component, ex.getMessage());
			throw new ApiRequestException(HttpStatus.BAD_GATEWAY, "The " + component
					+ " did not answer with its metrics; the portal's log says why.");
		}
		return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, PrometheusFormat.TEXT).body(text);
	}

}
