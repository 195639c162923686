package edu.tjhsst.director.orchestrator.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's output as it comes: its log file, its last lines, the engine's error and apt's own. */
class BuildLogTests {

	@TempDir
	Path dir;

	@Test
	void linesAreWrittenWithoutTerminalEscapesOrCarriageReturnsAndOnlyTheLastAreKept() throws IOException {
		Path file = dir.resolve("1.log");
		try (BuildLog log = new BuildLog(file, 2)) {
			log.line("Building director/site-1:abc on director/runtime-plain:3");
			log.text("Step 1/2 : FROM x\n\u001b[91mwarn\u001b[0m\r\nStep 2/2");
			log.text(" : RUN true\n");

			assertThat(log.tail()).isEqualTo("warn\nStep 2/2 : RUN true\n");
		}
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.isEqualTo("Building director/site-1:abc on director/runtime-plain:3\n"
					+ "Step 1/2 : FROM x\nwarn\nStep 2/2 : RUN true\n");
	}

	@Test
	void aptsLastErrorLineIsFound() throws IOException {
		try (BuildLog log = new BuildLog(dir.resolve("1.log"), 10)) {
			log.text("Reading package lists...\nE: Unable to locate package foo\nE: Unable to locate package bar\n");

			assertThat(log.aptError()).contains("E: Unable to locate package bar");
		}
	}

	@Test
	void aptsErrorIsFoundAfterAProgressLineItHadNotFinished() throws IOException {
		try (BuildLog log = new BuildLog(dir.resolve("1.log"), 10)) {
			// apt's progress on standard output, its error on standard error, which the engine passed on first.
			log.text("Reading state information...");
			log.text("\u001b[91mE: Unable to locate package definitely-not-a-package-xyz\n\u001b[0m");
			log.text("\n");

			assertThat(log.aptError()).contains("E: Unable to locate package definitely-not-a-package-xyz");
		}
	}

	@Test
	void aptsErrorIsFoundAfterAProgressLineItRewroteInPlace() throws IOException {
		try (BuildLog log = new BuildLog(dir.resolve("1.log"), 10)) {
			log.text("Reading package lists... 50%\rE: Unable to locate package foo\n");

			assertThat(log.aptError()).contains("E: Unable to locate package foo");
		}
	}

	@Test
	void linesThatOnlyMentionAnErrorAreNotApts() throws IOException {
		try (BuildLog log = new BuildLog(dir.resolve("1.log"), 10)) {
			log.text("USAGE: tool [options]\necho 'E: not at the start'\n");

			assertThat(log.aptError()).isEmpty();
		}
	}

	@Test
	void theEnginesErrorIsKeptAndWrittenAndABrokenStreamDoesNotReplaceIt() throws IOException {
		Path file = dir.resolve("1.log");
		try (BuildLog log = new BuildLog(file, 10)) {
			log.error("The command '/bin/sh -c apt-get install foo' returned a non-zero code: 100\n");
			log.broken(new IOException("stream closed"));

			assertThat(log.error())
				.contains("The command '/bin/sh -c apt-get install foo' returned a non-zero code: 100");
		}
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.contains("returned a non-zero code: 100\n")
			.contains("error: The command '/bin/sh -c apt-get install foo' returned a non-zero code: 100\n");
	}

	@Test
	void aBrokenStreamIsTheErrorWhenTheEngineGaveNone() throws IOException {
		try (BuildLog log = new BuildLog(dir.resolve("1.log"), 10)) {
			log.broken(new IOException("Connection reset"));

			assertThat(log.error()).contains("Connection reset");
			assertThat(log.tail()).isEqualTo("error: Connection reset\n");
		}
	}

}
