package edu.tjhsst.director.shell;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The shell server refuses to start without the key it signs its calls with. */
class ShellStartTests {

	@TempDir
	Path data;

	@Test
	void withoutItsKeyTheShellServerDoesNotStartAndSaysWhy() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(ShellApplication.class)
			.run("--server.port=0", "--director.data=" + data, "--director.shell.port=0",
					"--director.shell.address=127.0.0.1").close())
			.hasStackTraceContaining("cannot read the shell key from " + data.resolve("secrets/shell.key"));
	}

}
