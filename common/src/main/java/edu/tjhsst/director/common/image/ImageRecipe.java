package edu.tjhsst.director.common.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import edu.tjhsst.director.common.site.SiteSpec;

/**
 * What a site's own image is built from; the orchestrator builds it on top of {@code base}.
 * @param base the runtime's image, such as {@code director/runtime-python:1}
 * @param setup shell commands an administrator set for the runtime, run as root with {@code sh -e}; may be empty
 * @param packages extra Debian packages the site's owner asked for
 */
public record ImageRecipe(String base, String setup, List<String> packages) {

	/** The longest setup script accepted. */
	public static final int MAX_SETUP_LENGTH = 8000;

	public ImageRecipe {
		setup = setup == null ? "" : setup;
		// A null element must survive the copy so that problems() can refuse it.
		packages = packages == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(packages));
	}

	/** Everything wrong with this recipe, empty when it may be built. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (base == null || base.length() > 200 || !SiteSpec.IMAGE.matcher(base).matches()) {
			problems.add("base must be one of Director's local images with a tag, such as director/runtime-python:1");
		}
		if (setup.length() > MAX_SETUP_LENGTH) {
			problems.add("setup commands must be at most " + MAX_SETUP_LENGTH + " characters");
		}
		if (setup.indexOf('\0') >= 0) {
			problems.add("setup commands must not contain a NUL character");
		}
		problems.addAll(PackageNames.problems(packages));
		return problems;
	}

	/** Whether the base image alone will not do: there is something to run or install on top of it. */
	public boolean needsBuild() {
		return !setup.isBlank() || !packages.isEmpty();
	}

}
