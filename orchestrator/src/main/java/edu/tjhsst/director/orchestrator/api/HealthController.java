package edu.tjhsst.director.orchestrator.api;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers the unsigned health check; it reveals nothing but that the orchestrator is up. */
@RestController
class HealthController {

	static final String PATH = "/health";

	@GetMapping(PATH)
	Map<String, String> health() {
		return Map.of("status", "UP");
	}

}
