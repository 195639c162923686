package edu.tjhsst.director.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The runtimes table: names specs use, images built by {@code docker/build-images.sh}. */
class RuntimeTests {

	@Test
	void eachRuntimeIsFoundByItsNameAndRunsItsOwnImage() {
		assertThat(Runtime.named("python")).hasValue(Runtime.PYTHON);
		assertThat(Runtime.named("node").orElseThrow().image()).isEqualTo("director/runtime-node:3");
		assertThat(Runtime.named("ruby")).isEmpty();
		assertThat(Runtime.named(null)).isEmpty();
		assertThat(Runtime.names()).isEqualTo("plain, python, node, php");
	}

	@Test
	void everyRuntimeHasATitleAndADescriptionToShow() {
		for (Runtime runtime : Runtime.values()) {
			assertThat(runtime.title()).as(runtime.id()).isNotBlank();
			assertThat(runtime.description()).as(runtime.id()).endsWith(".");
			assertThat(runtime.image()).as(runtime.id()).startsWith("director/runtime-" + runtime.id() + ":");
		}
	}

}
