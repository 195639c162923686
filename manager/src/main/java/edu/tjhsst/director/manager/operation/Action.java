package edu.tjhsst.director.manager.operation;

import java.time.Duration;
import java.time.Instant;

/** One step of an operation with its timing, result and message. */
public record Action(long id, int position, String slug, String title, Status status, Instant startedAt,
		Instant finishedAt, String message) {

	/** How long the action ran, or null until it has finished. */
	public Duration duration() {
		return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
	}

	/** The duration in milliseconds, or null. */
	public Long durationMillis() {
		Duration duration = duration();
		return duration == null ? null : duration.toMillis();
	}

}
