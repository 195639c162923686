package edu.tjhsst.director.common.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A recipe names a Director image, a bounded setup script and valid packages; only a non-empty one is built. */
class ImageRecipeTests {

	private static final String BASE = "director/runtime-python:1";

	@Test
	void aRecipeWithPackagesIsValidAndNeedsABuild() {
		ImageRecipe recipe = new ImageRecipe(BASE, "", List.of("jq", "cowsay"));

		assertThat(recipe.problems()).isEmpty();
		assertThat(recipe.needsBuild()).isTrue();
	}

	@Test
	void setupCommandsAloneNeedABuild() {
		assertThat(new ImageRecipe(BASE, "mkdir /opt/tools\n", List.of()).needsBuild()).isTrue();
	}

	@Test
	void theBaseAloneNeedsNoBuild() {
		ImageRecipe recipe = new ImageRecipe(BASE, " \n\t", null);

		assertThat(recipe.problems()).isEmpty();
		assertThat(recipe.needsBuild()).isFalse();
	}

	@Test
	void theBaseMustBeOneOfDirectorsImagesWithATag() {
		for (String base : new String[] { null, "debian:12", "director/runtime-python", "director/x:1; rm -rf /",
				"docker.io/director/runtime-python:1" }) {
			assertThat(new ImageRecipe(base, "", List.of()).problems()).as(base).containsExactly(
					"base must be one of Director's local images with a tag, such as director/runtime-python:1");
		}
	}

	@Test
	void setupCommandsAreBoundedAndHaveNoNul() {
		assertThat(new ImageRecipe(BASE, "x".repeat(8001), List.of()).problems())
			.containsExactly("setup commands must be at most 8000 characters");
		assertThat(new ImageRecipe(BASE, "x".repeat(8000), List.of()).problems()).isEmpty();
		assertThat(new ImageRecipe(BASE, "echo a\0b", List.of()).problems())
			.containsExactly("setup commands must not contain a NUL character");
	}

	@Test
	void badPackagesAreReported() {
		assertThat(new ImageRecipe(BASE, "", List.of("jq", "foo; rm -rf /")).problems()).containsExactly(
				"\"foo; rm -rf /\" is not a Debian package name (use lowercase letters, digits, + - and .)");
	}

}
