package edu.tjhsst.director.router.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.health.ComponentHealth;
import edu.tjhsst.director.router.nginx.RouteConfigs;

/** The one unsigned endpoint: whether the router's Nginx runs, and since when the router does; nothing more. */
@RestController
class HealthController {

	private final RouteConfigs routes;

	HealthController(RouteConfigs routes) {
		this.routes = routes;
	}

	@GetMapping("/health")
	ResponseEntity<ComponentHealth> health() {
		return routes.serving() ? ResponseEntity.ok(ComponentHealth.up())
				: ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ComponentHealth.down());
	}

}
