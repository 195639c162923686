package edu.tjhsst.director.orchestrator.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.web.PrometheusFormat;

/**
 * The orchestrator's metrics for the manager, which relays them to an administrator's Prometheus
 * ({@code /api/v1/metrics/orchestrator}); the same text as operators read at {@code /operator/v1/metrics}.
 */
@RestController
public class MetricsController {

	private final ObjectProvider<PrometheusMeterRegistry> prometheus;

	MetricsController(ObjectProvider<PrometheusMeterRegistry> prometheus) {
		this.prometheus = prometheus;
	}

	@GetMapping(path = "/metrics", produces = PrometheusFormat.TEXT)
	public ResponseEntity<String> scrape() {
		PrometheusMeterRegistry registry = prometheus.getIfAvailable();
		if (registry == null) {
			// Turned off (management.prometheus.metrics.export.enabled=false).
			return ResponseEntity.status(404).body("metrics are turned off on this orchestrator\n");
		}
		return ResponseEntity.ok().header("Content-Type", PrometheusFormat.TEXT).body(registry.scrape());
	}

}
