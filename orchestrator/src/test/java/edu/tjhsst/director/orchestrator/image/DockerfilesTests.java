package edu.tjhsst.director.orchestrator.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.image.ImageRecipe;

/** A site's Dockerfile runs setup from a copied script, installs only whitelisted names and ends as uid 1000. */
class DockerfilesTests {

	@Test
	void setupRunsFromACopiedScriptAndPackagesAreInstalledThenPrivilegesDropped() {
		String file = Dockerfiles.of(7, new ImageRecipe("director/runtime-plain:3", "echo 'RUN evil'\nUSER root\n",
				List.of("jq", "g++")));

		assertThat(file).isEqualTo("""
				FROM director/runtime-plain:3
				USER root
				COPY director-setup.sh /tmp/director-setup.sh
				RUN sh -e /tmp/director-setup.sh && rm -f /tmp/director-setup.sh
				RUN apt-get update \\
				 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends jq g++ \\
				 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
				RUN find / -xdev -type f -perm /6000 -exec chmod ug-s {} +
				LABEL director.site=7
				USER 1000:1000
				""");
	}

	@Test
	void withoutSetupOrPackagesOnlyTheHardeningRemains() {
		assertThat(Dockerfiles.of(7, new ImageRecipe("director/runtime-plain:3", "", List.of())))
			.doesNotContain("COPY").doesNotContain("apt-get").endsWith("LABEL director.site=7\nUSER 1000:1000\n");
	}

	@Test
	void anInvalidRecipeIsNeverWritten() {
		assertThatThrownBy(() -> Dockerfiles.of(7, new ImageRecipe("director/runtime-plain:3", "",
				List.of("jq\nRUN rm -rf /")))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theTagDigestChangesWithEverythingTheImageIsMadeOf() {
		ImageRecipe recipe = new ImageRecipe("director/runtime-plain:3", "", List.of("jq"));
		String digest = SiteImages.digest("sha256:aaa", recipe);

		assertThat(digest).matches("[0-9a-f]{12}").isEqualTo(SiteImages.digest("sha256:aaa", recipe));
		assertThat(SiteImages.digest("sha256:bbb", recipe)).isNotEqualTo(digest);
		assertThat(SiteImages.digest("sha256:aaa", new ImageRecipe("director/runtime-plain:3", "x", List.of("jq"))))
			.isNotEqualTo(digest);
		assertThat(SiteImages.digest("sha256:aaa", new ImageRecipe("director/runtime-plain:3", "", List.of("jq", "curl"))))
			.isNotEqualTo(digest);
	}

}
