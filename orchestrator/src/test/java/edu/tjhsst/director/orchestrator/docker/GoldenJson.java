package edu.tjhsst.director.orchestrator.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Compares what docker-java sends for a spec with a golden file under {@code src/test/resources/golden/docker/}: the
 * spec is written as docker-java's object mapper writes it, but without its null fields (which the engine reads as
 * absent) and with keys sorted, so that the file is short and reads the same each time.
 * <p>
 * To rewrite the golden files after a deliberate change, run the tests with {@code -Dgolden.update=true} (or the
 * environment variable {@code DIRECTOR_UPDATE_GOLDENS=true}), for example
 * {@code mvn -B -o -pl orchestrator test -Dtest='*SpecTests' -Dgolden.update=true}, and read the diff before committing.
 */
public final class GoldenJson {

	private static final Path DIR = Path.of("src", "test", "resources", "golden", "docker");

	private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.setSerializationInclusion(JsonInclude.Include.NON_NULL)
		.configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(SerializationFeature.INDENT_OUTPUT);

	private GoldenJson() {
	}

	/** The spec as docker-java writes it, with sorted keys, indented, ending in a newline. */
	public static String json(Object spec) {
		try {
			return JSON.writeValueAsString(spec).replace("\r\n", "\n") + "\n";
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Asserts that the spec's JSON equals the golden file {@code <name>.json}, or rewrites the file when asked to. */
	public static void assertMatches(String name, Object spec) {
		String actual = json(spec);
		Path file = DIR.resolve(name + ".json");
		try {
			if (updating()) {
				Files.createDirectories(DIR);
				Files.writeString(file, actual, StandardCharsets.UTF_8);
				return;
			}
			assertThat(file).as("golden file %s (rewrite with -Dgolden.update=true)", file).exists();
			assertThat(actual).as("the spec against its golden file %s", file)
				.isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean updating() {
		return Boolean.getBoolean("golden.update") || "true".equals(System.getenv("DIRECTOR_UPDATE_GOLDENS"));
	}

}
