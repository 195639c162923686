package edu.tjhsst.director.orchestrator.image;

import edu.tjhsst.director.common.image.ImageRecipe;

/** Writes the Dockerfile of a site's own image; every value in it passed the recipe's whitelists. */
final class Dockerfiles {

	/** The setup script's name in the build context, copied into the image and run with {@code sh -e}. */
	static final String SETUP_SCRIPT = "director-setup.sh";

	private Dockerfiles() {
	}

	/** The Dockerfile for the site's image from a valid recipe. */
	static String of(long siteId, ImageRecipe recipe) {
		if (!recipe.problems().isEmpty()) {
			throw new IllegalArgumentException("invalid recipe: " + recipe.problems());
		}
		StringBuilder file = new StringBuilder();
		file.append("FROM ").append(recipe.base()).append('\n');
		file.append("USER root\n");
		if (!recipe.setup().isBlank()) {
			// The script is copied, not inlined, so nothing in it is ever parsed as Dockerfile syntax.
			file.append("COPY ").append(SETUP_SCRIPT).append(" /tmp/").append(SETUP_SCRIPT).append('\n');
			file.append("RUN sh -e /tmp/").append(SETUP_SCRIPT).append(" && rm -f /tmp/").append(SETUP_SCRIPT)
				.append('\n');
		}
		if (!recipe.packages().isEmpty()) {
			file.append("RUN apt-get update \\\n")
				.append(" && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ")
				.append(String.join(" ", recipe.packages())).append(" \\\n")
				.append(" && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin\n");
		}
		// As the runtime images do: no setuid or setgid program may lift the site's process out of its own uid.
		file.append("RUN find / -xdev -type f -perm /6000 -exec chmod ug-s {} +\n");
		file.append("LABEL director.site=").append(siteId).append('\n');
		// The image's own user, for running it by hand; a site's service and terminal run it as the site's own uid.
		file.append("USER 1000:1000\n");
		return file.toString();
	}

}
