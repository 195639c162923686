package edu.tjhsst.director.orchestrator.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The host's programs, run for real: what they print, and what counts as their failure. */
class HostProgramTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void aProgramsOutputIsAnsweredWhole() throws IOException {
		assertThat(HostProgram.run(TIMEOUT, "sh", "-c", "echo one; echo two >&2")).isEqualTo("one\ntwo\n");
		String table = HostProgram.run(TIMEOUT, "sh", "-c", "head -c 2000000 /dev/zero | tr '\\0' x");
		assertThat(table).hasSize(2_000_000);
	}

	@Test
	void outputPastTheLimitIsAFailureNotATableCutShort() {
		assertThatThrownBy(() -> HostProgram.run(TIMEOUT, "head", "-c", Long.toString((64L << 20) + 1), "/dev/zero"))
			.isInstanceOf(IOException.class).hasMessage("head printed more than 64 MiB");
	}

	@Test
	void aProgramThatFailsOrOutlastsItsTimeIsAnIOExceptionThatSaysSo() {
		assertThatThrownBy(() -> HostProgram.run(TIMEOUT, "sh", "-c", "echo broken; exit 3"))
			.isInstanceOf(IOException.class).hasMessageContaining("(exit 3): broken");
		assertThatThrownBy(() -> HostProgram.run(Duration.ofMillis(200), "sleep", "5"))
			.isInstanceOf(IOException.class).hasMessage("sleep did not finish within 0 s");
	}

}
