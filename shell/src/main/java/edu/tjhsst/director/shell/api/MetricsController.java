package edu.tjhsst.director.shell.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.web.PrometheusFormat;

/**
 * The shell server's metrics in Prometheus's text format, for the manager alone (its signature, see
 * {@link SigningConfiguration}), which relays them to an administrator's Prometheus ({@code /api/v1/metrics/shell}):
 * SSH logins by method and result ({@code director_ssh_logins_total}), connections open
 * ({@code director_ssh_connections_open}), sessions started by kind ({@code director_ssh_sessions_started_total}),
 * refused signed calls and its JVM.
 */
@RestController
class MetricsController {

	private final ObjectProvider<PrometheusMeterRegistry> prometheus;

	MetricsController(ObjectProvider<PrometheusMeterRegistry> prometheus) {
		this.prometheus = prometheus;
	}

	@GetMapping(path = "/metrics", produces = PrometheusFormat.TEXT)
	ResponseEntity<String> scrape() {
		PrometheusMeterRegistry registry = prometheus.getIfAvailable();
		if (registry == null) {
			// Turned off (management.prometheus.metrics.export.enabled=false).
			return ResponseEntity.status(404).body("metrics are turned off on this shell server\n");
		}
		return ResponseEntity.ok().header("Content-Type", PrometheusFormat.TEXT).body(registry.scrape());
	}

}
