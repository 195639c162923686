package edu.tjhsst.director.manager.operation;

import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * One kind of step an operation can take. Steps are idempotent: running one again after a crash or a
 * retry is always safe, because each declares a desired state rather than a change.
 */
public interface ActionStep {

	/** The stable name stored with each action. */
	String slug();

	/** What the step does, as the user reads it. */
	String title();

	/**
	 * Runs the step for a site.
	 * @return a short message for the user about what was done
	 * @throws StepFailedException with a message the user can act on
	 */
	String run(long siteId);

	/**
	 * Whether an operation started now for this site takes this step at all (building an image, say, only for a
	 * site with a process); asked once, when the operation is recorded.
	 */
	default boolean appliesTo(long siteId) {
		return true;
	}

	/**
	 * A step made of its parts.
	 * @param applies which sites an operation started now takes it for
	 * @param body what it does for a site, returning the message for the user
	 */
	static ActionStep of(String slug, String title, LongPredicate applies, LongFunction<String> body) {
		return new ActionStep() {
			@Override
			public String slug() {
				return slug;
			}

			@Override
			public String title() {
				return title;
			}

			@Override
			public String run(long siteId) {
				return body.apply(siteId);
			}

			@Override
			public boolean appliesTo(long siteId) {
				return applies.test(siteId);
			}
		};
	}

}
