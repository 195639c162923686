package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;
import edu.tjhsst.director.orchestrator.DockerCommands.Result;
import edu.tjhsst.director.orchestrator.image.SiteImages;

/**
 * Sites' own images built by the real Docker engine on a runtime image, with real Debian packages; every image made
 * here is tagged {@code director/site-<id>} for ids in a range of this run's own, and removed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class SiteImageDockerTests {

	private static final String BASE = "director/runtime-plain:3";

	/** No appserver runs here, so its names go unused; its ids name the sites' own images built here. */
	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("it-", "orchestrator-images-", 800_000, BASE);

	private static final Path DATA = SWARM.data();

	private static final long BASE_ID = SWARM.baseId();

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	SiteImages images;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.bootstrap", () -> "false");
		registry.add("director.appserver.service", () -> "dt-no-such-service");
	}

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@Test
	void aRecipeWithAPackageBuildsAnImageThatRunsItAsUid1000AndASecondRequestReusesIt() throws Exception {
		long id = BASE_ID + 1;
		String recipe = "{\"base\":\"" + BASE + "\",\"setup\":\"echo from-setup > /opt/director-setup-ran\\n\","
				+ "\"packages\":[\"jq\"]}";

		TestHttp.Response first = http.signed("POST", "/sites/" + id + "/image", recipe);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		JsonNode built = JSON.readTree(first.body());
		String image = built.get("image").asText();
		assertThat(image).matches("director/site-" + id + ":[0-9a-f]{12}");
		assertThat(built.get("built").asBoolean()).isTrue();
		assertThat(built.get("log").asText()).contains("jq").contains("Built " + image);
		Result ran = run(DOCKER, "run", "--rm", image, "sh", "-c",
				"id -u; echo '{\"answer\":42}' | jq .answer; cat /opt/director-setup-ran");
		assertThat(ran.output()).isEqualTo("1000\n42\nfrom-setup\n");
		assertThat(run(DOCKER, "run", "--rm", "--user", "0:0", image, "find", "/", "-xdev", "-type", "f", "-perm",
				"/6000").output()).as("setuid and setgid files").isEmpty();
		assertThat(run(DOCKER, "image", "inspect", "--format", "{{index .Config.Labels \"director.site\"}}", image)
			.output().strip()).isEqualTo(Long.toString(id));
		assertThat(http.signed("GET", "/sites/" + id + "/image/log", "").body()).contains("Built " + image);

		TestHttp.Response second = http.signed("POST", "/sites/" + id + "/image", recipe);

		assertThat(second.status()).isEqualTo(200);
		JsonNode reused = JSON.readTree(second.body());
		assertThat(reused.get("image").asText()).isEqualTo(image);
		assertThat(reused.get("built").asBoolean()).isFalse();
		assertThat(reused.get("log").asText()).contains("reused");
		assertThat(http.signed("GET", "/sites/" + id + "/image/log", "").body()).contains("reused");

		images.removeAll(id);

		assertThat(run(DOCKER, "image", "inspect", image).exitCode()).as("image after removeAll").isNotZero();
		assertThat(http.signed("GET", "/sites/" + id + "/image/log", "").status()).isEqualTo(404);
	}

	@Test
	void aRecipeWithAnUnknownPackageFailsWithItsLogAndLeavesNoImage() throws Exception {
		long id = BASE_ID + 2;

		TestHttp.Response response = http.signed("POST", "/sites/" + id + "/image",
				"{\"base\":\"" + BASE + "\",\"packages\":[\"definitely-not-a-package-xyz\"]}");

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("message").asText()).as("the message, from the build's log: %s", body.get("log"))
			.isEqualTo("The image build failed: E: Unable to locate package definitely-not-a-package-xyz");
		assertThat(body.get("error").asText()).isEqualTo(body.get("message").asText());
		assertThat(body.get("log").asText()).contains("Unable to locate package definitely-not-a-package-xyz");
		assertThat(http.signed("GET", "/sites/" + id + "/image/log", "").body())
			.contains("definitely-not-a-package-xyz");
		assertThat(run(DOCKER, "images", "-q", "director/site-" + id).output()).isEmpty();
	}

	@Test
	void aSecondBuildForASiteWhileItsFirstRunsIsRefused() throws Exception {
		long id = BASE_ID + 7;
		String run = UUID.randomUUID().toString();
		CompletableFuture<TestHttp.Response> first = CompletableFuture.supplyAsync(() -> http.signed("POST",
				"/sites/" + id + "/image", "{\"base\":\"" + BASE + "\",\"setup\":\"sleep 8\\necho " + run
						+ "\\n\",\"packages\":[]}"));
		Path log = DATA.resolve("builds/" + id + ".log");
		Await.until("the first build to start (its log " + log + ")", Duration.ofSeconds(60), () -> Files.exists(log));

		TestHttp.Response second = http.signed("POST", "/sites/" + id + "/image",
				"{\"base\":\"" + BASE + "\",\"setup\":\"echo other " + run + "\",\"packages\":[]}");

		assertThat(second.status()).as(second.body()).isEqualTo(409);
		assertThat(second.body()).contains("is being built");
		TestHttp.Response done = first.get(5, TimeUnit.MINUTES);
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(JSON.readTree(done.body()).get("built").asBoolean()).isTrue();
	}

	@Test
	void aShellCommandAsAPackageNameIsRefusedBeforeAnyBuild() {
		long id = BASE_ID + 3;

		TestHttp.Response response = http.signed("POST", "/sites/" + id + "/image",
				"{\"base\":\"" + BASE + "\",\"packages\":[\"foo; rm -rf /\"]}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"\\\"foo; rm -rf /\\\" is not a Debian package name"
				+ " (use lowercase letters, digits, + - and .)\"}");
		assertThat(http.signed("GET", "/sites/" + id + "/image/log", "").status()).isEqualTo(404);
	}

	@Test
	void aBaseThatIsNotARuntimeImageIsRefused() {
		for (String base : new String[] { "director/base:bookworm", "director/no-such-runtime:1" }) {
			TestHttp.Response response = http.signed("POST", "/sites/" + (BASE_ID + 4) + "/image",
					"{\"base\":\"" + base + "\",\"packages\":[\"jq\"]}");

			assertThat(response.status()).as(base).isEqualTo(400);
			assertThat(response.body()).contains("image " + base + " is not a runtime image on this app server");
		}
	}

	@Test
	void aRecipeWithNothingToAddRunsTheBaseItself() throws Exception {
		TestHttp.Response response = http.signed("POST", "/sites/" + (BASE_ID + 5) + "/image",
				"{\"base\":\"" + BASE + "\",\"setup\":\"  \\n\",\"packages\":[]}");

		assertThat(response.status()).isEqualTo(200);
		assertThat(JSON.readTree(response.body())).isEqualTo(
				JSON.readTree("{\"image\":\"" + BASE + "\",\"built\":false,\"log\":\"\"}"));
	}

	@Test
	void aSiteSpecMayOnlyNameARuntimeImageOfThisAppServer() {
		long id = BASE_ID + 6;
		for (String image : new String[] { "director/base:bookworm", "director/no-such-runtime:1" }) {
			TestHttp.Response response = http.signed("PUT", "/sites/" + id, "{\"id\":" + id
					+ ",\"name\":\"imaged\",\"type\":\"DYNAMIC\",\"hosts\":[\"imaged.sites.localhost\"],"
					+ "\"runtime\":\"ruby\",\"image\":\"" + image + "\"}");

			assertThat(response.status()).as(image).isEqualTo(400);
			assertThat(response.body())
				.isEqualTo("{\"error\":\"image " + image + " is not a runtime image on this app server\"}");
		}
	}

	@Test
	void theImageListShowsRuntimeImagesButNoSitesOwn() throws Exception {
		JsonNode list = JSON.readTree(http.signed("GET", "/images", "").body());

		assertThat(list.findValuesAsText("image")).contains(BASE, "director/runtime-python:3")
			.noneMatch(image -> image.startsWith("director/site-"))
			.doesNotContain("director/base:bookworm", "director/nginx:3");
		assertThat(list).contains(JSON.readTree("{\"image\":\"director/runtime-python:3\",\"runtime\":\"python\"}"));
	}

}
