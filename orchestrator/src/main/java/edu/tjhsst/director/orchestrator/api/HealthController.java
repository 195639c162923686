package edu.tjhsst.director.orchestrator.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.health.ComponentHealth;

/** Answers the unsigned health check; it reveals nothing but that the orchestrator is up, and since when. */
@RestController
class HealthController {

	static final String PATH = "/health";

	@GetMapping(PATH)
	ComponentHealth health() {
		return ComponentHealth.up();
	}

}
