package edu.tjhsst.director.common.site;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

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
	 * What is wrong with a batch as a whole, if anything: more than {@link #MOST_PER_BATCH} items, a null item, or a
	 * site named twice (which of its two items would win is not for the component to guess).
	 * @param what the items' name in the plural, for the message ("sites", "routes")
	 */
	public static <T> Optional<String> batchProblem(List<T> batch, ToLongFunction<T> siteId, String what) {
		if (batch.size() > MOST_PER_BATCH) {
			return Optional.of("at most " + MOST_PER_BATCH + " " + what + " per batch, not " + batch.size());
		}
		Set<Long> seen = new HashSet<>();
		for (T item : batch) {
			if (item == null) {
				return Optional.of("a batch holds " + what + ", not null");
			}
			long id = siteId.applyAsLong(item);
			if (!seen.add(id)) {
				return Optional.of("site " + id + " appears twice in the batch");
			}
		}
		return Optional.empty();
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
