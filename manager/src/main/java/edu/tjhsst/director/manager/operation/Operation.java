package edu.tjhsst.director.manager.operation;

import java.time.Instant;
import java.util.List;

/** A change to a site and the actions it is made of, in order. */
public record Operation(long id, long siteId, OperationKind kind, Status status, Instant createdAt, Instant startedAt,
		Instant finishedAt, List<Action> actions) {

	/** The first action that failed, if any. */
	public Action failedAction() {
		return actions.stream().filter(action -> action.status() == Status.FAILED).findFirst().orElse(null);
	}

}
