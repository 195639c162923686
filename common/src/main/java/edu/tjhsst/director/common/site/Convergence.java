package edu.tjhsst.director.common.site;

import java.util.List;

/**
 * A component's answer to "make site N look like this" (or "remove it"): what it did, and what it had to change to
 * get there. The manager's operations expect changes; its reconciler, which states what should already be so, records
 * each change as a repair of drift.
 * @param siteId the site's id
 * @param status {@code applied}, {@code removed}, or {@code retired} (no longer served, files set aside)
 * @param changes each thing that differed and was put right, as a sentence; empty when everything already matched
 */
public record Convergence(long siteId, String status, List<String> changes) {

	public Convergence {
		changes = changes == null ? List.of() : List.copyOf(changes);
	}

	public static Convergence applied(long siteId, List<String> changes) {
		return new Convergence(siteId, "applied", changes);
	}

	public static Convergence removed(long siteId) {
		return new Convergence(siteId, "removed", List.of());
	}

}
