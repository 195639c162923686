package edu.tjhsst.director.shell.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.shell.ssh.ShellServer;

/** The one endpoint: whether the SSH server listens, for ./director's start-up check. */
@RestController
class HealthController {

	private final ShellServer server;

	HealthController(ShellServer server) {
		this.server = server;
	}

	@GetMapping("/health")
	ResponseEntity<Map<String, String>> health() {
		return server.isRunning() ? ResponseEntity.ok(Map.of("status", "UP"))
				: ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "DOWN"));
	}

}
