package edu.tjhsst.director.orchestrator.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.dockerjava.api.model.ServiceSpec;

/**
 * The JSON docker-java sends to Swarm for a service definition (as {@link ServiceSpecs} translates it), for tests in
 * any package, and golden files of it under {@code src/test/resources/golden/docker/}. It is written as docker-java's
 * object mapper writes it, but without null fields (which the engine reads as absent), and a golden file with its
 * keys sorted, so that it is short and reads the same each time.
 * <p>
 * To rewrite the golden files after a deliberate change, run the tests with {@code -Dgolden.update=true} (or the
 * environment variable {@code DIRECTOR_UPDATE_GOLDENS=true}), for example
 * {@code mvn -B -o -pl orchestrator test -Dtest='*SpecTests' -Dgolden.update=true}, and read the diff before
 * committing.
 */
public final class SpecJson {

	private static final Path DIR = Path.of("src", "test", "resources", "golden", "docker");

	/** Like docker-java's own, without nulls: unknown fields skipped when read. */
	private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.setSerializationInclusion(JsonInclude.Include.NON_NULL)
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private static final ObjectMapper SORTED = new ObjectMapper()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.enable(SerializationFeature.INDENT_OUTPUT);

	private SpecJson() {
	}

	/** The spec sent to create or update a service of the definition. */
	public static JsonNode tree(ServiceDefinition definition) {
		return JSON.valueToTree(ServiceSpecs.toDocker(definition));
	}

	/** The spec as docker-java reads it back from Swarm, without the fields it does not model. */
	public static JsonNode readBack(ServiceDefinition definition) {
		return JSON.valueToTree(readBackSpec(definition));
	}

	/** The spec a restart sends: read back from Swarm, with its hardening restored. */
	public static JsonNode restored(ServiceDefinition definition) {
		return JSON.valueToTree(ServiceSpecs.restoreHardening(readBackSpec(definition)));
	}

	/** The shape of a service made from the definition, read from its spec as docker-java reads it back. */
	public static ServiceShape shapeReadBack(ServiceDefinition definition) {
		return ServiceShape.from(readBackSpec(definition));
	}

	/** The spec as docker-java reads it back from Swarm. */
	static ServiceSpec readBackSpec(ServiceDefinition definition) {
		try {
			return JSON.readValue(JSON.writeValueAsString(ServiceSpecs.toDocker(definition)), ServiceSpec.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Asserts that a spec equals the golden file {@code <name>.json}, or rewrites the file when asked to. */
	public static void assertGolden(String name, JsonNode spec) {
		String actual = sorted(spec);
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

	private static String sorted(JsonNode spec) {
		try {
			return SORTED.writeValueAsString(SORTED.treeToValue(spec, Object.class)).replace("\r\n", "\n") + "\n";
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean updating() {
		return Boolean.getBoolean("golden.update") || "true".equals(System.getenv("DIRECTOR_UPDATE_GOLDENS"));
	}

}
