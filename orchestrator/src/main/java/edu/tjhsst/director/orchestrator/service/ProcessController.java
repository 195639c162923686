package edu.tjhsst.director.orchestrator.service;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import edu.tjhsst.director.orchestrator.RejectedInputException;

/** A site's process: its status, a restart, its last log lines and a stream of new ones. */
@RestController
@RequestMapping("/sites/{id}/process")
class ProcessController {

	static final int MAX_TAIL = 1000;

	/** How long one follow stream lasts; the spring.mvc.async.request-timeout is set above it. */
	static final Duration FOLLOW_FOR = Duration.ofMinutes(30);

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	/** Lines a slow reader may fall behind by before its stream is ended (it reconnects and starts afresh). */
	private static final int FOLLOW_BUFFER = 10_000;

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
			throw new RejectedInputException("tail must be between 1 and " + MAX_TAIL);
		}
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.body(services.logs(positive(id), tail));
	}

	/**
	 * The last lines, then every new line as the process writes it, as plain text, for at most
	 * {@link #FOLLOW_FOR}; an empty line every {@link #HEARTBEAT} shows the stream is alive and finds a gone
	 * reader. Readers connect again when it ends.
	 */
	@GetMapping(path = "/logs", params = "follow=true")
	ResponseEntity<StreamingResponseBody> follow(@PathVariable long id, @RequestParam(defaultValue = "200") int tail) {
		if (tail < 0 || tail > MAX_TAIL) {
			throw new RejectedInputException("tail must be between 0 and " + MAX_TAIL);
		}
		long siteId = positive(id);
		StreamingResponseBody body = out -> {
			BlockingQueue<String> lines = new LinkedBlockingQueue<>(FOLLOW_BUFFER);
			AtomicBoolean overflowed = new AtomicBoolean();
			Instant end = Instant.now().plus(FOLLOW_FOR);
			try (Closeable following = services.follow(siteId, tail, line -> {
				if (!lines.offer(line)) {
					overflowed.set(true);
				}
			})) {
				out.flush();
				while (Instant.now().isBefore(end) && !overflowed.get()) {
					String line = lines.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
					StringBuilder chunk = new StringBuilder();
					while (line != null) {
						chunk.append(line).append('\n');
						line = chunk.length() < 64 * 1024 ? lines.poll() : null;
					}
					out.write((chunk.isEmpty() ? "\n" : chunk.toString()).getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
		return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8)).body(body);
	}

	private static long positive(long id) {
		if (id <= 0) {
			throw new RejectedInputException("id must be positive");
		}
		return id;
	}

}
