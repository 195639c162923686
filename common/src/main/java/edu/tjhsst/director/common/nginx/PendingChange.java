package edu.tjhsst.director.common.nginx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A site file changed since Nginx last accepted the whole configuration: what it is to hold (empty to remove it); once
 * its batch is taken for a test, what the file held then (empty when there was none), which is what it goes back to
 * if Nginx refuses the change; and the callers waiting for the outcome. Guarded by the directory's lock, except that
 * the futures complete outside it and the batch under test is read by the reload thread alone.
 */
final class PendingChange {

	private Optional<String> accepted = Optional.empty();

	private Optional<String> wanted = Optional.empty();

	private List<String> replaces = List.of();

	private long sequence;

	private final List<CompletableFuture<Void>> waiting = new ArrayList<>();

	/** The content Nginx last accepted, as it was when the batch was taken; empty before. */
	Optional<String> accepted() {
		return accepted;
	}

	/**
	 * Sets what Nginx last accepted when the batch is taken for its test: a change asked for while an earlier batch
	 * was tested learns only then whether that batch's content for the file was accepted.
	 */
	void acceptedWas(Optional<String> content) {
		accepted = content;
	}

	/** The content the last change asked for; empty to remove the file. */
	Optional<String> wanted() {
		return wanted;
	}

	/** The other files that go once Nginx accepts this one (a site's file of its previous kind). */
	List<String> replaces() {
		return replaces;
	}

	/** When the last change to this file was asked for, in the directory's order of requests. */
	long sequence() {
		return sequence;
	}

	void want(Optional<String> content, List<String> replacing, long order) {
		wanted = content;
		replaces = List.copyOf(replacing);
		sequence = order;
	}

	/** A future for one more caller, completed with the others. */
	CompletableFuture<Void> await() {
		CompletableFuture<Void> future = new CompletableFuture<>();
		waiting.add(future);
		return future;
	}

	void complete() {
		waiting.forEach(future -> future.complete(null));
	}

	void fail(Throwable cause) {
		waiting.forEach(future -> future.completeExceptionally(cause));
	}

	/**
	 * Tells the callers of a tested batch its outcome: a refused file's, Nginx's reason; the others, the batch's
	 * failure if it failed, or that they are live.
	 */
	static void tellOutcomes(Map<String, PendingChange> changes, Map<String, NginxRejectedException> refused,
			RuntimeException failure) {
		changes.forEach((name, change) -> {
			NginxRejectedException reason = refused.get(name);
			if (reason != null) {
				change.fail(reason);
			}
			else if (failure != null) {
				change.fail(failure);
			}
			else {
				change.complete();
			}
		});
	}

}
