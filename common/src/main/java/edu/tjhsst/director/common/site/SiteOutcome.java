package edu.tjhsst.director.common.site;

import java.util.List;
import java.util.Objects;

/**
 * One site's part of a component's answer to a batch ({@code PUT /sites} with many specs, {@code PUT /routes} with
 * many routes): what it had to change, or why it refused that site. A batch answers every site it was given, in order;
 * one site's refusal never stops the others.
 * @param siteId the site's id
 * @param changes each thing that differed and was put right, as a sentence; empty when refused or nothing differed
 * @param problem why the component refused the site's spec or route, or null when it applied it
 */
public record SiteOutcome(long siteId, List<String> changes, String problem) {

	/** The most sites one batch may carry: enough to share a test and a reload, few enough for one request. */
	public static final int MOST_PER_BATCH = 100;

	public SiteOutcome {
		changes = changes == null ? List.of() : List.copyOf(changes);
	}

	public static SiteOutcome applied(long siteId, List<String> changes) {
		return new SiteOutcome(siteId, changes, null);
	}

	public static SiteOutcome refused(long siteId, String problem) {
		return new SiteOutcome(siteId, List.of(), problem);
	}

	public boolean isApplied() {
		return problem == null;
	}

	/**
	 * The outcomes a component answered for a batch of these sites, checked to be one for each, in order.
	 * @throws IllegalStateException when they are not, which no caller could make sense of
	 */
	public static List<SiteOutcome> oneEach(List<Long> siteIds, List<SiteOutcome> outcomes) {
		if (outcomes == null || outcomes.stream().anyMatch(Objects::isNull) || !siteIds.equals(outcomes.stream().map(SiteOutcome::siteId).toList())) {
			throw new IllegalStateException("the answer to a batch of " + siteIds.size()
					+ " sites does not name them one each, in order");
		}
		return outcomes;
	}

}
