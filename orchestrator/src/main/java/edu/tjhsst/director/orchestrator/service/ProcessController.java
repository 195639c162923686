package edu.tjhsst.director.orchestrator.service;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.orchestrator.api.BadRequestException;

/** A dynamic site's process: its status, a restart, and its last log lines. */
@RestController
@RequestMapping("/sites/{id}/process")
class ProcessController {

	static final int MAX_TAIL = 1000;

	private final SiteServices services;

	ProcessController(SiteServices services) {
		this.services = services;
	}

	@GetMapping
	ProcessStatus status(@PathVariable long id) {
		return services.status(positive(id));
	}

	@PostMapping("/restart")
	ProcessStatus restart(@PathVariable long id) {
		services.restart(positive(id));
		return services.status(id);
	}

	/** Plain text; set without {@code produces} so that an error still answers with the JSON error body. */
	@GetMapping("/logs")
	ResponseEntity<String> logs(@PathVariable long id, @RequestParam(defaultValue = "200") int tail) {
		if (tail < 1 || tail > MAX_TAIL) {
			throw new BadRequestException("tail must be between 1 and " + MAX_TAIL);
		}
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.body(services.logs(positive(id), tail));
	}

	private static long positive(long id) {
		if (id <= 0) {
			throw new BadRequestException("id must be positive");
		}
		return id;
	}

}
