package edu.tjhsst.director.router.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.web.PrometheusFormat;

/**
 * The router's metrics in Prometheus's text format, signed for by the manager like every call but the health check;
 * the manager relays them to an administrator's Prometheus ({@code /api/v1/metrics/router}): the router's Nginx
 * tests and reloads ({@code director_nginx_tests_seconds}, {@code director_nginx_reloads_seconds}), refused signed
 * calls ({@code director_signed_calls_refused_total}), its API's requests and its JVM.
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
			return ResponseEntity.status(404).body("metrics are turned off on this router\n");
		}
		return ResponseEntity.ok().header("Content-Type", PrometheusFormat.TEXT).body(registry.scrape());
	}

}
