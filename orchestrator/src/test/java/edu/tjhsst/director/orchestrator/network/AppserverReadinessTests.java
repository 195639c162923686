package edu.tjhsst.director.orchestrator.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppserverReadinessTests {

	private static final String FIRST = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	private static final String SECOND = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

	@TempDir
	Path dir;

	@Test
	void aContainerIsToldItMayServeByAFileNamedAsItsHostName() throws Exception {
		Files.createDirectories(dir.resolve(AppserverReadiness.DIR));
		AppserverReadiness readiness = new AppserverReadiness(dir);

		readiness.ready(FIRST);
		readiness.ready(FIRST);

		assertThat(dir.resolve("ready/0123456789ab")).exists();
	}

	@Test
	void theFilesOfContainersThatNoLongerRunAreForgotten() throws Exception {
		Files.createDirectories(dir.resolve(AppserverReadiness.DIR));
		Files.writeString(dir.resolve("ready/README"), "not a container's");
		AppserverReadiness readiness = new AppserverReadiness(dir);
		readiness.ready(FIRST);
		readiness.ready(SECOND);

		readiness.retainOnly(Set.of(SECOND));

		assertThat(dir.resolve("ready/0123456789ab")).doesNotExist();
		assertThat(dir.resolve("ready/fedcba987654")).exists();
		assertThat(dir.resolve("ready/README")).as("a file no container is named after").exists();
	}

	@Test
	void onlyAContainerIdNamesAFile() {
		AppserverReadiness readiness = new AppserverReadiness(dir);
		assertThatThrownBy(() -> readiness.ready("../../etc/x")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void withoutItsFolderNothingIsForgottenAndNothingFails() {
		new AppserverReadiness(dir).retainOnly(Set.of());
		assertThat(dir.resolve(AppserverReadiness.DIR)).doesNotExist();
	}

}
