package edu.tjhsst.director.orchestrator.operator;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.web.PrometheusFormat;
import edu.tjhsst.director.orchestrator.api.MetricsController;

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

	private final MetricsController metrics;

	OperatorMetricsController(MetricsController metrics) {
		this.metrics = metrics;
	}

	@GetMapping(produces = PrometheusFormat.TEXT)
	ResponseEntity<String> scrape() {
		return metrics.scrape();
	}

}
