package edu.tjhsst.director.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Dynamic sites against the real Docker Swarm: each runs its {@code run.sh} in a hardened service behind its own
 * appserver Nginx (unique names, a free port, a temporary data root), and everything is removed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DynamicSiteDockerTests {

	private static final String DOCKER = "/usr/bin/docker";

	private static final String RUN = "dt-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String SERVICE = RUN + "-nginx";

	private static final String NETWORK = RUN + "-sites";

	private static final int APPSERVER_PORT = TestHttp.freePort();

	private static final Path DATA = temporaryDirectory();

	/** Site ids are service names on the engine, shared by every run: pick a range no one else uses. */
	private static final long BASE_ID = 900_000 + ThreadLocalRandom.current().nextLong(90_000) * 10;

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.service", () -> SERVICE);
		registry.add("director.appserver.network", () -> NETWORK);
		registry.add("director.appserver.port", () -> APPSERVER_PORT);
	}

	/** The runtime images come from {@code docker/build-images.sh}, which reuses those that exist. */
	@BeforeAll
	static void runtimeImages() throws Exception {
		if (run(DOCKER, "image", "inspect", "director/runtime-python:1").exitCode() == 0
				&& run(DOCKER, "image", "inspect", "director/runtime-plain:1").exitCode() == 0) {
			return;
		}
		Result built = run("../docker/build-images.sh");
		assertThat(built.exitCode()).as("docker/build-images.sh: %s", built.output()).isZero();
	}

	@AfterAll
	static void removeDockerObjects() throws Exception {
		try (DockerClient docker = docker()) {
			for (long id = BASE_ID; id < BASE_ID + 10; id++) {
				remove(docker, "site_" + id);
			}
			remove(docker, SERVICE);
			for (long id = BASE_ID; id < BASE_ID + 10; id++) {
				for (String tag : run(DOCKER, "images", "--format", "{{.Repository}}:{{.Tag}}", "director/site-" + id)
					.output().split("\n")) {
					if (tag.startsWith("director/site-" + id + ":")) {
						run(DOCKER, "image", "rm", tag);
					}
				}
			}
			Instant deadline = Instant.now().plusSeconds(30);
			while (true) {
				try {
					docker.removeNetworkCmd(NETWORK).exec();
					break;
				}
				catch (NotFoundException ex) {
					break;
				}
				catch (RuntimeException ex) {
					// Still in use while the services' containers stop.
					if (Instant.now().isAfter(deadline)) {
						throw ex;
					}
					Thread.sleep(250);
				}
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(DATA);
		}
	}

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@Test
	void aPythonSiteAnswersThroughTheAppserverFromAHardenedServiceAndRestarts() throws Exception {
		long id = BASE_ID + 1;
		String host = "py-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "python says hi\n");
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				echo "greeting=$GREETING uid=$(id -u) cwd=$(pwd)"
				touch /usr/probe 2>/dev/null && echo "root=writable" || echo "root=read-only"
				touch /tmp/probe && echo "tmp=writable"
				[ -e /var/run/docker.sock ] && echo "docker=present" || echo "docker=absent"
				grep CapEff /proc/self/status
				cd public && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		String spec = "{\"id\":" + id + ",\"name\":\"python-app\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\",\"env\":{\"GREETING\":\"hello\"},"
				+ "\"limits\":{\"cpuMillis\":250,\"memoryMiB\":128,\"pids\":64}}";
		try {
			TestHttp.Response applied = http.signed("PUT", "/sites/" + id, spec);
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);

			assertThat(awaitPage(host, response -> response.status() == 200).body()).contains("python says hi");
			JsonNode status = JSON.readTree(http.signed("GET", "/sites/" + id + "/process", "").body());
			assertThat(status.get("state").asText()).isEqualTo("running");
			assertThat(await(() -> http.signed("GET", "/sites/" + id + "/process/logs?tail=200", "").body(),
					logs -> logs.contains("CapEff")))
				.contains("greeting=hello uid=1000 cwd=/site").contains("root=read-only").contains("tmp=writable")
				.contains("docker=absent").containsPattern("CapEff:\\s+0000000000000000");

			JsonNode service = inspect("site_" + id);
			JsonNode container = service.at("/Spec/TaskTemplate/ContainerSpec");
			assertThat(container.get("ReadOnly").asBoolean()).as("read-only root").isTrue();
			assertThat(container.get("User").asText()).isEqualTo("1000:1000");
			assertThat(container.get("CapabilityDrop").toString()).isEqualTo("[\"ALL\"]");
			assertThat(container.get("Mounts").toString()).contains("\"Target\":\"/site\"")
				.contains("\"Target\":\"/tmp\"").contains("\"Target\":\"/run\"").doesNotContain("docker.sock");
			JsonNode limits = service.at("/Spec/TaskTemplate/Resources/Limits");
			assertThat(limits.get("NanoCPUs").asLong()).isEqualTo(250_000_000L);
			assertThat(limits.get("MemoryBytes").asLong()).isEqualTo(128L * 1024 * 1024);
			assertThat(limits.get("Pids").asLong()).isEqualTo(64);
			assertThat(service.at("/Spec/EndpointSpec/Mode").asText()).isEqualTo("dnsrr");
			assertThat(service.at("/Spec/Labels/director.managed").asText()).isEqualTo("true");
			assertThat(service.at("/Spec/Labels/director.site").asText()).isEqualTo(Long.toString(id));

			assertThat(http.signed("PUT", "/sites/" + id, spec).status()).as("repeating the spec").isEqualTo(200);
			assertThat(inspect("site_" + id).at("/Version/Index").asLong()).as("service version after repeating")
				.isEqualTo(service.at("/Version/Index").asLong());

			String since = status.get("since").asText();
			TestHttp.Response restarted = http.signed("POST", "/sites/" + id + "/process/restart", "");
			assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
			JsonNode after = await(() -> readTree(http.signed("GET", "/sites/" + id + "/process", "").body()),
					node -> "running".equals(node.get("state").asText()) && !since.equals(node.get("since").asText()));
			assertThat(Instant.parse(after.get("since").asText())).isAfter(Instant.parse(since));
			assertThat(inspect("site_" + id).at("/Spec/TaskTemplate/ContainerSpec/CapabilityDrop").toString())
				.as("hardening kept by a restart").isEqualTo("[\"ALL\"]");
			assertThat(inspect("site_" + id).at("/Spec/TaskTemplate/Resources/Limits/Pids").asLong())
				.as("pids limit kept by a restart").isEqualTo(64);
			assertThat(awaitPage(host, response -> response.status() == 200).body()).contains("python says hi");

			String staticSpec = "{\"id\":" + id + ",\"name\":\"python-app\",\"type\":\"STATIC\",\"hosts\":[\"" + host
					+ "\"]}";
			assertThat(http.signed("PUT", "/sites/" + id, staticSpec).status()).isEqualTo(200);
			assertThat(serviceExists("site_" + id)).as("service after the site became static").isFalse();
			assertThat(awaitPage(host, response -> response.status() == 200).body()).contains("python says hi");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aSiteWithoutRunShCrashesWithTheLaunchersMessageAndAFriendlyPage() throws Exception {
		long id = BASE_ID + 2;
		String host = "plain-" + id + ".sites.localhost";
		String spec = "{\"id\":" + id + ",\"name\":\"no-run\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"plain\"}";
		try {
			assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);

			JsonNode status = await(() -> readTree(http.signed("GET", "/sites/" + id + "/process", "").body()),
					node -> "crashed".equals(node.get("state").asText()));
			assertThat(status.get("exitCode").asLong()).isEqualTo(1);
			assertThat(http.signed("GET", "/sites/" + id + "/process/logs?tail=20", "").body())
				.contains("director: this site has no run.sh");
			TestHttp.Response page = awaitPage(host, response -> response.status() == 502);
			assertThat(page.body()).contains("This site's process is not running")
				.contains("its owner can restart it from the portal");

			TestHttp.Response deleted = http.signed("DELETE", "/sites/" + id, "");
			assertThat(deleted.status()).isEqualTo(200);
			assertThat(serviceExists("site_" + id)).as("service after deleting the site").isFalse();
			assertThat(http.signed("GET", "/sites/" + id + "/process", "").body()).contains("\"state\":\"stopped\"");
			assertThat(http.signed("POST", "/sites/" + id + "/process/restart", "").status()).isEqualTo(404);
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aSiteRunsItsOwnImageWithItsPackagesAndDeletingTheSiteRemovesTheImage() throws Exception {
		long id = BASE_ID + 4;
		String host = "jq-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "own image\n");
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				echo "jq says $(echo '{"n":7}' | jq .n) as $(id -u)"
				cd public && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		try {
			TestHttp.Response built = http.signed("POST", "/sites/" + id + "/image",
					"{\"base\":\"director/runtime-python:1\",\"packages\":[\"jq\"]}");
			assertThat(built.status()).as(built.body()).isEqualTo(200);
			String image = JSON.readTree(built.body()).get("image").asText();
			// A runtime an administrator added has no standard image here: the spec's own image is what runs.
			String spec = "{\"id\":" + id + ",\"name\":\"jq-app\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
					+ "\"],\"runtime\":\"tools\",\"image\":\"" + image + "\"}";

			TestHttp.Response applied = http.signed("PUT", "/sites/" + id, spec);

			assertThat(applied.status()).as(applied.body()).isEqualTo(200);
			assertThat(await(() -> http.signed("GET", "/sites/" + id + "/process/logs?tail=20", "").body(),
					logs -> logs.contains("jq says"))).contains("jq says 7 as 1000");
			assertThat(awaitPage(host, response -> response.status() == 200).body()).contains("own image");
			assertThat(inspect("site_" + id).at("/Spec/TaskTemplate/ContainerSpec/Image").asText()).startsWith(image);
			assertThat(inspect("site_" + id).at("/Spec/Labels/director.runtime").asText()).isEqualTo("tools");

			assertThat(http.signed("DELETE", "/sites/" + id, "").status()).isEqualTo(200);
			assertThat(run(DOCKER, "image", "inspect", image).exitCode()).as("the site's image after deleting it")
				.isNotZero();
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void anUnknownRuntimeIsRefusedBeforeAnythingChanges() {
		long id = BASE_ID + 3;
		TestHttp.Response response = http.signed("PUT", "/sites/" + id, "{\"id\":" + id
				+ ",\"name\":\"ruby-app\",\"type\":\"DYNAMIC\",\"hosts\":[\"ruby.sites.localhost\"],\"runtime\":\"ruby\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("unknown runtime ruby; expected one of plain, python, node, php");
		assertThat(DATA.resolve("sites/" + id)).doesNotExist();
		assertThat(serviceExists("site_" + id)).isFalse();
	}

	private static TestHttp.Response awaitPage(String host, Predicate<TestHttp.Response> expected) {
		TestHttp.Response response = await(() -> TestHttp.getWithHost(APPSERVER_PORT, host), expected);
		return response;
	}

	/** The first value that matches within 30 s; fails with the last one otherwise. */
	private static <T> T await(Supplier<T> value, Predicate<T> expected) {
		Instant deadline = Instant.now().plusSeconds(30);
		T last = value.get();
		while (!expected.test(last) && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			last = value.get();
		}
		assertThat(expected.test(last)).as("last seen: %s", last).isTrue();
		return last;
	}

	/** The service as the engine reports it, raw, with the fields docker-java does not model. */
	private static JsonNode inspect(String service) throws Exception {
		Result result = run(DOCKER, "service", "inspect", service);
		assertThat(result.exitCode()).as(result.output()).isZero();
		return JSON.readTree(result.output()).get(0);
	}

	private static boolean serviceExists(String service) {
		try {
			return run(DOCKER, "service", "inspect", service).exitCode() == 0;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode readTree(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(json, ex);
		}
	}

	private static void executable(Path file, String content) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private static void remove(DockerClient docker, String service) {
		try {
			docker.removeServiceCmd(service).exec();
		}
		catch (NotFoundException ex) {
			// never created, or already removed
		}
	}

	private static Result run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private static DockerClient docker() {
		DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost("unix:///var/run/docker.sock")
			.withApiVersion(RemoteApiVersion.VERSION_1_41)
			.build();
		return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
			.dockerHost(URI.create("unix:///var/run/docker.sock"))
			.connectionTimeout(Duration.ofSeconds(5))
			.responseTimeout(Duration.ofSeconds(30))
			.build());
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("orchestrator-dynamic-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a command printed and how it exited. */
	private record Result(int exitCode, String output) {
	}

}
