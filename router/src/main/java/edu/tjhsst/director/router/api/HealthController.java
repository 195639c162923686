package edu.tjhsst.director.router.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.router.nginx.RouteConfigs;

/** The one unsigned endpoint: whether the router's Nginx runs, and nothing more. */
@RestController
class HealthController {

	private final RouteConfigs routes;

	HealthController(RouteConfigs routes) {
		this.routes = routes;
	}

	@GetMapping("/health")
	ResponseEntity<Map<String, String>> health() {
		return routes.serving() ? ResponseEntity.ok(Map.of("status", "UP"))
				: ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "DOWN"));
	}

}
