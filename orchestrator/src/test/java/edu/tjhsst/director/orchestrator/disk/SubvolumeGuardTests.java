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
		Process process = new ProcessBuilder(SubvolumeGuard.exec(List.of("/bin/sh", "-c",
				"echo \"$1 $2\"; grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status; exit 3", "sh", "one two",
				"--three")))
			.redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isEqualTo(3);
		assertThat(output).startsWith("one two --three\n").contains("Seccomp:\t2").contains("NoNewPrivs:\t1");
	}

	@Test
	void asInitTheGuardRunsTheProgramAsItsChildAndExitsAsItDid() throws Exception {
		Process process = new ProcessBuilder(SubvolumeGuard.init(List.of("/bin/sh", "-c",
				"echo \"parent $PPID\"; grep Seccomp_filters /proc/self/status; kill -TERM $$; sleep 5")))
			.redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as("128 + SIGTERM").isEqualTo(143);
		assertThat(output).startsWith("parent " + process.pid() + "\n").contains("Seccomp_filters:\t1");
	}

	@Test
	void variablesThatSteerPerlOrTheLoaderAreRenamedForTheGuardAndGetTheirNamesBackForTheProgram() throws Exception {
		assertThat(SubvolumeGuard.environment(List.of("PERL5OPT=-MX", "LD_PRELOAD=/site/x.so", "PERLIO=:raw",
				"GCONV_PATH=/site", "PATH=/usr/bin", "APP_PERL5OPT=kept", "DIRECTOR_SITE_ID=5")))
			.containsExactly("DIRECTOR_GUARDED_PERL5OPT=-MX", "DIRECTOR_GUARDED_LD_PRELOAD=/site/x.so",
					"DIRECTOR_GUARDED_PERLIO=:raw", "DIRECTOR_GUARDED_GCONV_PATH=/site", "PATH=/usr/bin",
					"APP_PERL5OPT=kept", "DIRECTOR_SITE_ID=5");
		ProcessBuilder builder = new ProcessBuilder(SubvolumeGuard.exec(List.of("/bin/sh", "-c",
				"echo \"$PERL5OPT|${DIRECTOR_GUARDED_PERL5OPT:-gone}\"; grep Seccomp_filters /proc/self/status")))
			.redirectErrorStream(true);
		builder.environment().put("DIRECTOR_GUARDED_PERL5OPT", "-Mno::such::module");
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isZero();
		assertThat(output).isEqualTo("-Mno::such::module|gone\nSeccomp_filters:\t1\n");
	}

	@Test
	void aCommandGuardedByAnyVersionIsUnwrappedToWhatItRuns() {
		List<String> command = List.of("/usr/local/bin/director-run");
		assertThat(SubvolumeGuard.unwrap(SubvolumeGuard.init(command))).isEqualTo(command);
		assertThat(SubvolumeGuard.unwrap(List.of("/usr/bin/perl", "-e", "older script", "--", "exec", "a", "b")))
			.containsExactly("a", "b");
		assertThat(SubvolumeGuard.unwrap(command)).isEqualTo(command);
		assertThat(SubvolumeGuard.isCurrent(SubvolumeGuard.init(command))).isTrue();
		assertThat(SubvolumeGuard.isCurrent(List.of("/usr/bin/perl", "-e", "older script", "--", "init", "a")))
			.isFalse();
	}

	@Test
	void commentsAreLeftOutOfTheCommandButNotTheCode() {
		assertThat(SubvolumeGuard.withoutComments("# about it\nmy $a = 1;   # why\n  # more\nprint $a;\n"))
			.isEqualTo("my $a = 1;\nprint $a;\n");
	}

}
