package edu.tjhsst.director.orchestrator.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The guard as the host's Perl runs it (SiteDiskDockerTests runs it in sites' containers against a real subvolume
 * attack): it runs what it wraps, arguments and exit status intact, with the filter installed.
 */
class SubvolumeGuardTests {

	@Test
	void theGuardRunsWhatItWrapsWithItsArgumentsAndExitStatusUnderASeccompFilter() throws Exception {
		Process process = new ProcessBuilder(SubvolumeGuard.wrap(List.of("/bin/sh", "-c",
				"echo \"$1 $2\"; grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status; exit 3", "sh", "one two",
				"--three")))
			.redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isEqualTo(3);
		assertThat(output).startsWith("one two --three\n").contains("Seccomp:\t2").contains("NoNewPrivs:\t1");
	}

	@Test
	void commentsAreLeftOutOfTheCommandButNotTheCode() {
		assertThat(SubvolumeGuard.withoutComments("# about it\nmy $a = 1;   # why\n  # more\nprint $a;\n"))
			.isEqualTo("my $a = 1;\nprint $a;\n");
	}

}
