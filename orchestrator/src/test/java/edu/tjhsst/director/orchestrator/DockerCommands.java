package edu.tjhsst.director.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;

import edu.tjhsst.director.orchestrator.docker.DockerClients;

/**
 * What the Docker tests run and read on the host to look at the engine from outside the orchestrator: the
 * {@code docker} command and others, a client of their own, the runtime images, and the files and JSON they use.
 */
final class DockerCommands {

	static final String DOCKER = "/usr/bin/docker";

	private static final ObjectMapper JSON = new ObjectMapper();

	private DockerCommands() {
	}

	/** The runtime images come from {@code docker/build-images.sh}, which reuses those that exist. */
	static void requireImages(String... images) throws Exception {
		boolean all = true;
		for (String image : images) {
			all &= run(DOCKER, "image", "inspect", image).exitCode() == 0;
		}
		if (all) {
			return;
		}
		Result built = run("../docker/build-images.sh");
		assertThat(built.exitCode()).as("docker/build-images.sh: %s", built.output()).isZero();
	}

	/** The service as the engine reports it, raw, with the fields docker-java does not model. */
	static JsonNode inspect(String service) throws Exception {
		Result result = run(DOCKER, "service", "inspect", service);
		assertThat(result.exitCode()).as(result.output()).isZero();
		return JSON.readTree(result.output()).get(0);
	}

	static boolean serviceExists(String service) {
		try {
			return run(DOCKER, "service", "inspect", service).exitCode() == 0;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode readTree(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(json, ex);
		}
	}

	static void executable(Path file, String content) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	static Result run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	/** What a command printed; fails the test if it did not succeed. */
	static String output(String... command) {
		try {
			Result result = run(command);
			assertThat(result.exitCode()).as("%s: %s", String.join(" ", command), result.output()).isZero();
			return result.output();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A client of the test's own, speaking the orchestrator's API version; the caller closes it. */
	static DockerClient docker() {
		return DockerClients.connect("unix:///var/run/docker.sock", Duration.ofSeconds(30));
	}

	/** A new temporary directory by its real path (containers bind-mount it, so no symbolic links on the way). */
	static Path temporaryDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix).toRealPath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a command printed and how it exited. */
	record Result(int exitCode, String output) {
	}

}
