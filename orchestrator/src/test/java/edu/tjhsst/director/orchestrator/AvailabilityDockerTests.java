package edu.tjhsst.director.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * Availability and request body limits against the real Docker Swarm and the real appserver Nginx (unique names, a
 * free port, a temporary data root); everything is removed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AvailabilityDockerTests {

	private static final String DOCKER = "/usr/bin/docker";

	private static final String RUN = "av-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String SERVICE = RUN + "-nginx";

	private static final String NETWORK = RUN + "-sites";

	private static final int APPSERVER_PORT = TestHttp.freePort();

	private static final Path DATA = temporaryDirectory();

	/**
	 * Site ids are service names on the engine, shared by every run: pick a range no one else uses (above the one
	 * DynamicSiteDockerTests picks from).
	 */
	private static final long BASE_ID = 1_900_000 + ThreadLocalRandom.current().nextLong(90_000) * 10;

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
		if (run(DOCKER, "image", "inspect", "director/runtime-python:2").exitCode() == 0
				&& run(DOCKER, "image", "inspect", "director/runtime-plain:2").exitCode() == 0) {
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
	void aStaticSiteIsDisabledThenNotServedThenEnabledAgain() throws Exception {
		long id = BASE_ID + 1;
		String host = "avail-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "still here\n");
		try {
			assertThat(put(id, staticSpec(id, host, "DISABLED", null)).status()).isEqualTo(200);
			TestHttp.Response disabled = awaitPage(host, response -> response.status() == 503);
			assertThat(disabled.body()).contains("<h1>This site has been disabled</h1>").doesNotContain("still here");

			assertThat(put(id, staticSpec(id, host, "NOT_SERVED", null)).status()).isEqualTo(200);
			TestHttp.Response notServed = awaitPage(host, response -> response.status() == 404);
			assertThat(notServed.body()).contains("<title>No site here</title>").doesNotContain("still here");

			assertThat(put(id, staticSpec(id, host, "ENABLED", null)).status()).isEqualTo(200);
			assertThat(awaitPage(host, response -> response.status() == 200).body()).contains("still here");
			assertThat(Files.readString(site.resolve("public/index.html"))).as("files kept throughout")
				.isEqualTo("still here\n");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aDynamicSiteThatIsDisabledRunsNoProcessButKeepsItsServiceUntilEnabledAgain() throws Exception {
		long id = BASE_ID + 2;
		String host = "avail-app-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "process says hi\n");
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				echo "starting"
				cd public && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		try {
			assertThat(put(id, dynamicSpec(id, host, "ENABLED")).status()).isEqualTo(200);
			assertThat(awaitPage(host, response -> response.status() == 200).body()).contains("process says hi");

			TestHttp.Response applied = put(id, dynamicSpec(id, host, "DISABLED"));
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);
			assertThat(inspect("site_" + id).at("/Spec/Mode/Replicated/Replicas").asLong()).isZero();
			assertThat(await(() -> runningTasks("site_" + id), tasks -> tasks == 0)).isZero();
			assertThat(awaitPage(host, response -> response.status() == 503).body())
				.contains("This site has been disabled");
			assertThat(http.signed("GET", "/sites/" + id + "/process/logs?tail=20", "").body())
				.as("logs kept while disabled").contains("starting");
			assertThat(await(() -> readTree(http.signed("GET", "/sites/" + id + "/process", "").body()),
					node -> "stopped".equals(node.get("state").asText()))).isNotNull();

			assertThat(put(id, dynamicSpec(id, host, "ENABLED")).status()).isEqualTo(200);
			assertThat(inspect("site_" + id).at("/Spec/Mode/Replicated/Replicas").asLong()).isEqualTo(1);
			assertThat(awaitPage(host, response -> response.status() == 200).body()).contains("process says hi");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aDynamicSiteCreatedDisabledNeverStartsAndSaysItIsStopped() throws Exception {
		long id = BASE_ID + 4;
		String host = "avail-off-" + id + ".sites.localhost";
		try {
			TestHttp.Response applied = put(id, dynamicSpec(id, host, "DISABLED"));
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);
			assertThat(inspect("site_" + id).at("/Spec/Mode/Replicated/Replicas").asLong()).isZero();
			JsonNode status = readTree(http.signed("GET", "/sites/" + id + "/process", "").body());
			assertThat(status.get("state").asText()).isEqualTo("stopped");
			assertThat(runningTasks("site_" + id)).isZero();
			assertThat(awaitPage(host, response -> response.status() == 503).body())
				.contains("This site has been disabled");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aBodyOverTheSitesLimitIsRefusedWith413AndTheDefaultLetsItThrough() throws Exception {
		long id = BASE_ID + 3;
		String host = "avail-body-" + id + ".sites.localhost";
		Files.createDirectories(DATA.resolve("sites/" + id + "/public"));
		Files.writeString(DATA.resolve("sites/" + id + "/public/index.html"), "small bodies only\n");
		byte[] body = new byte[2 * 1024 * 1024];
		try {
			assertThat(put(id, staticSpec(id, host, "ENABLED", 1L)).status()).isEqualTo(200);
			assertThat(awaitPage(host, response -> response.status() == 200).body()).contains("small bodies only");
			assertThat(post(host, body)).isEqualTo(413);
			assertThat(post(host, new byte[512 * 1024])).as("a body under the limit").isEqualTo(405);

			assertThat(put(id, staticSpec(id, host, "ENABLED", null)).status()).isEqualTo(200);
			// A static site does not take POSTs (405); what matters is that the body was not refused for its size.
			assertThat(await(() -> post(host, body), status -> status != 413)).isEqualTo(405);
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	private TestHttp.Response put(long id, String spec) {
		return http.signed("PUT", "/sites/" + id, spec);
	}

	private static String staticSpec(long id, String host, String availability, Long maxBodyMiB) {
		return "{\"id\":" + id + ",\"name\":\"avail-" + id + "\",\"type\":\"STATIC\",\"hosts\":[\"" + host
				+ "\"],\"availability\":\"" + availability + "\""
				+ (maxBodyMiB == null ? "" : ",\"limits\":{\"maxBodyMiB\":" + maxBodyMiB + "}") + "}";
	}

	private static String dynamicSpec(long id, String host, String availability) {
		return "{\"id\":" + id + ",\"name\":\"avail-app-" + id + "\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\",\"availability\":\"" + availability + "\"}";
	}

	/** The status of a POST with this body to the appserver, over a raw socket so the Host header can be set. */
	private static int post(String host, byte[] body) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", APPSERVER_PORT), 2000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/octet-stream\r\n"
					+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			try {
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// Nginx may answer 413 and stop reading before the whole body is sent; its answer is still there.
			}
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** How many of the service's tasks are running or about to. */
	private static int runningTasks(String service) {
		try {
			Result result = run(DOCKER, "service", "ps", service, "--filter", "desired-state=running", "--format",
					"{{.CurrentState}}");
			return (int) result.output().lines().filter(line -> !line.isBlank()).count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
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
			return Files.createTempDirectory("orchestrator-availability-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a command printed and how it exited. */
	private record Result(int exitCode, String output) {
	}

}
