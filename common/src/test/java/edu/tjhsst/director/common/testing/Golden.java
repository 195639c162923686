package edu.tjhsst.director.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares rendered text with a file under the module's {@code src/test/resources/golden/}; {@code -Dgolden.update=true}
 * rewrites it, to be read in the diff before it is committed.
 */
public final class Golden {

	private static final Path DIR = Path.of("src", "test", "resources", "golden");

	private Golden() {
	}

	public static void assertMatches(String actual, String name) {
		Path file = DIR.resolve(name);
		try {
			if (Boolean.getBoolean("golden.update")) {
				Files.writeString(file, actual, StandardCharsets.UTF_8);
			}
			assertThat(actual).as("rendered %s (rewrite with -Dgolden.update=true after checking the change)", name)
				.isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
