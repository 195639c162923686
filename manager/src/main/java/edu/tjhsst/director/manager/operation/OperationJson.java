package edu.tjhsst.director.manager.operation;

import java.time.Instant;
import java.util.List;

/** An operation as the API shows it: where it stands and each of its steps. */
public record OperationJson(long id, long siteId, String kind, Status status, Instant createdAt, Instant startedAt,
		Instant finishedAt, List<Step> steps) {

	/** One step: its name, where it stands, and its message when it failed. */
	public record Step(String slug, String title, Status status, Long durationMillis, String message) {
	}

	public static OperationJson of(Operation operation) {
		return new OperationJson(operation.id(), operation.siteId(), operation.kind().name(), operation.status(),
				operation.createdAt(), operation.startedAt(), operation.finishedAt(),
				operation.actions().stream()
					.map(action -> new Step(action.slug(), action.title(), action.status(), action.durationMillis(),
							action.message()))
					.toList());
	}

}
