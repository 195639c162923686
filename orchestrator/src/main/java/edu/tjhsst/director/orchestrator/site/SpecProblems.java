package edu.tjhsst.director.orchestrator.site;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.orchestrator.image.RuntimeImages;
import edu.tjhsst.director.orchestrator.runtime.Runtime;

/**
 * What is wrong with a spec for this app server, beyond its own checks: checked when the manager sends it, and again
 * when an operator converges it later (a runtime image may have gone since).
 */
@Component
class SpecProblems {

	private final RuntimeImages images;

	SpecProblems(RuntimeImages images) {
		this.images = images;
	}

	/** Each problem as a sentence; none when the spec can be applied here. */
	List<String> of(SiteSpec spec) {
		List<String> problems = new ArrayList<>(spec.problems());
		// A spec with its own image may name any runtime (administrators add runtimes); without one, the runtime's
		// standard image is run, so the runtime must be one this orchestrator knows.
		if (spec.image() == null && spec.runtime() != null && Runtime.named(spec.runtime()).isEmpty()) {
			problems.add("unknown runtime " + spec.runtime() + "; expected one of " + Runtime.names());
		}
		// Only the php runtime's image has php-fpm.
		if (spec.type() == SiteType.PHP && spec.runtime() != null && !Runtime.PHP.id().equals(spec.runtime())) {
			problems.add("a PHP site runs in the php runtime, not " + spec.runtime());
		}
		if (problems.isEmpty() && spec.image() != null && !images.isRuntime(spec.image())) {
			problems.add("image " + spec.image() + " is not a runtime image on this app server");
		}
		return problems;
	}

}
