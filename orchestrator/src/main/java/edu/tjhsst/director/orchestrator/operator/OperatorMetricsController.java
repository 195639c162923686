package edu.tjhsst.director.orchestrator.operator;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orchestrator's metrics in Prometheus's text format, for an operator's Prometheus (with an operator's token, as
 * {@code authorization: {credentials_file: ...}}): sites converged by result ({@code director_site_converges_seconds}),
 * the app servers' Nginx tests and reloads ({@code director_nginx_tests_seconds}, {@code director_nginx_reloads_seconds}),
 * refused signed calls ({@code director_signed_calls_refused_total}), its requests ({@code http_server_requests_seconds},
 * the operator API's among them) and its JVM.
 */
@RestController
@OperatorApi
@RequestMapping(OperatorApi.PATH + "/metrics")
class OperatorMetricsController {

	private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

	private final ObjectProvider<PrometheusMeterRegistry> prometheus;

	OperatorMetricsController(ObjectProvider<PrometheusMeterRegistry> prometheus) {
		this.prometheus = prometheus;
	}

	@GetMapping(produces = TEXT_FORMAT)
	ResponseEntity<String> scrape() {
		PrometheusMeterRegistry registry = prometheus.getIfAvailable();
		if (registry == null) {
			// Turned off (management.prometheus.metrics.export.enabled=false).
			return ResponseEntity.status(404).body("metrics are turned off on this orchestrator\n");
		}
		return ResponseEntity.ok().header("Content-Type", TEXT_FORMAT).body(registry.scrape());
	}

}
