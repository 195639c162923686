package edu.tjhsst.director.manager.reconcile;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What one round of the reconciler did.
 * @param startedAt when it began
 * @param took how long it ran
 * @param checked sites stated to both components
 * @param busy sites left alone because an operation of theirs was open (running, or failed and waiting for a person)
 * @param repaired things put right
 * @param problems what stopped a site, or the whole round, from being checked, as sentences
 */
public record ReconcileRound(OffsetDateTime startedAt, Duration took, int checked, int busy, int repaired,
		List<String> problems) {

	public ReconcileRound {
		problems = List.copyOf(problems);
	}

}
