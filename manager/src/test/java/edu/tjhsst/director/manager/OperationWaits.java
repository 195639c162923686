package edu.tjhsst.director.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;

/**
 * How the manager's tests wait for a site's operations, which run on Quartz's threads: with one time limit, and on
 * failure a message naming the site, what was awaited and the latest operation seen.
 */
final class OperationWaits {

	/** Long enough for an operation against the real MariaDB and PostgreSQL on a loaded CI machine. */
	static final Duration LIMIT = Duration.ofSeconds(60);

	private OperationWaits() {
	}

	/**
	 * The site's latest operation once it is of this kind and has finished, either way. Starting or retrying an
	 * operation marks it pending in the request's own transaction, so one started before the call is never mistaken
	 * for an earlier one of the same kind.
	 */
	static Operation awaitFinished(Operations operations, long siteId, OperationKind kind) {
		return Await.value("site " + siteId + "'s " + kind + " operation to finish", LIMIT,
				() -> operations.latest(siteId),
				latest -> latest.filter(op -> op.kind() == kind && op.status().finished()).isPresent())
			.orElseThrow();
	}

	/** The site's latest operation once it is of this kind and has succeeded; fails as soon as it has failed. */
	static Operation awaitSucceeded(Operations operations, long siteId, OperationKind kind) {
		Operation operation = awaitFinished(operations, siteId, kind);
		assertThat(operation.status()).as("site %d's %s operation: %s", siteId, kind, operation)
			.isEqualTo(Status.SUCCEEDED);
		return operation;
	}

	/** Returns once the condition holds; fails naming it and the site's latest operation otherwise. */
	static void until(Operations operations, long siteId, String what, Await.Condition condition) {
		Await.value(what + " (site " + siteId + ")", LIMIT,
				() -> new Sight(condition.holds(), operations.latest(siteId)), Sight::holds);
	}

	/** One look at the condition, shown in a failure as the site's latest operation at that moment. */
	private record Sight(boolean holds, Optional<Operation> latest) {

		@Override
		public String toString() {
			return latest.map(op -> "the latest operation " + op).orElse("no operation");
		}

	}

}
