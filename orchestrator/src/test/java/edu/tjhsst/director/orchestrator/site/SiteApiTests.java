package edu.tjhsst.director.orchestrator.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.orchestrator.TestHttp;

/** The sites API refuses bad input with 400 and one error body, and changes nothing when the appserver is down. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SiteApiTests {

	private static final Path DATA = temporaryDirectory();

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.bootstrap", () -> "false");
		// No such service runs, so the appserver Nginx is "down" for these tests.
		registry.add("director.appserver.service", () -> "dt-no-such-service");
	}

	@AfterAll
	static void removeData() throws IOException {
		FileSystemUtils.deleteRecursively(DATA);
	}

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@Test
	void anInvalidSpecIsRefusedWithEveryProblem() {
		TestHttp.Response response = http.signed("PUT", "/sites/3",
				"{\"id\":3,\"name\":\"Bad_Name\",\"type\":\"STATIC\",\"hosts\":[\"ok.sites.localhost\",\"no spaces\"]}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"error\":\"name: ").contains("not a valid host name: no spaces");
	}

	@Test
	void aBodyForAnotherSiteIsRefused() {
		TestHttp.Response response = http.signed("PUT", "/sites/3",
				"{\"id\":4,\"name\":\"alpha\",\"type\":\"STATIC\",\"hosts\":[\"alpha.sites.localhost\"]}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("the path names site 3 but the body describes site 4");
	}

	@Test
	void malformedJsonIsRefused() {
		TestHttp.Response response = http.signed("PUT", "/sites/3", "{\"id\":3,");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"malformed JSON\"}");
	}

	@Test
	void anUnknownSiteTypeIsRefused() {
		TestHttp.Response response = http.signed("PUT", "/sites/3",
				"{\"id\":3,\"name\":\"alpha\",\"type\":\"RUBY\",\"hosts\":[\"alpha.sites.localhost\"]}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("unknown value RUBY for type; expected one of STATIC, PHP, DYNAMIC");
	}

	@Test
	void aPhpSiteOutsideThePhpRuntimeIsRefused() {
		TestHttp.Response response = http.signed("PUT", "/sites/3", "{\"id\":3,\"name\":\"alpha\",\"type\":\"PHP\","
				+ "\"hosts\":[\"alpha.sites.localhost\"],\"runtime\":\"python\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("a PHP site runs in the php runtime, not python");
		assertThat(DATA.resolve("sites/3")).doesNotExist();
	}

	@Test
	void badDynamicValuesAreEachReported() {
		TestHttp.Response response = http.signed("PUT", "/sites/3", "{\"id\":3,\"name\":\"alpha\",\"type\":\"DYNAMIC\","
				+ "\"hosts\":[\"alpha.sites.localhost\"],\"runtime\":\"ruby\",\"env\":{\"A=B\":\"x\"},"
				+ "\"limits\":{\"memoryMiB\":-1}}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("env: \\\"A=B\\\" is not a valid variable name")
			.contains("memory must be between 32 and 4096 MiB")
			.contains("unknown runtime ruby; expected one of plain, python, node, php");
		assertThat(DATA.resolve("sites/3")).doesNotExist();
	}

	@Test
	void aMemoryLimitThatIsNotANumberIsRefused() {
		TestHttp.Response response = http.signed("PUT", "/sites/3", "{\"id\":3,\"name\":\"alpha\",\"type\":\"DYNAMIC\","
				+ "\"hosts\":[\"alpha.sites.localhost\"],\"runtime\":\"python\",\"limits\":{\"memoryMiB\":\"10PB\"}}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("limits.memoryMiB");
	}

	@Test
	void aLogTailOutsideItsRangeIsRefused() {
		TestHttp.Response response = http.signed("GET", "/sites/3/process/logs?tail=0", "");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"tail must be between 1 and 1000\"}");
	}

	@Test
	void theRuntimesAreListedForThePortal() {
		TestHttp.Response response = http.signed("GET", "/runtimes", "");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).startsWith("[{\"name\":\"plain\",\"image\":\"director/runtime-plain:3\",")
			.contains("\"name\":\"python\"").contains("\"name\":\"node\"").contains("\"name\":\"php\"");
	}

	@Test
	void aMissingBodyIsRefused() {
		assertThat(http.signed("PUT", "/sites/3", "").status()).isIn(400, 415);
	}

	@Test
	void idsMustBePositiveNumbers() {
		TestHttp.Response zero = http.signed("DELETE", "/sites/0", "");
		TestHttp.Response word = http.signed("DELETE", "/sites/abc", "");

		assertThat(zero.status()).isEqualTo(400);
		assertThat(zero.body()).isEqualTo("{\"error\":\"id must be positive\"}");
		assertThat(word.status()).isEqualTo(400);
		assertThat(word.body()).isEqualTo("{\"error\":\"id must be a number\"}");
	}

	@Test
	void anUnknownPathAnswers404WithTheErrorBody() {
		TestHttp.Response response = http.signed("GET", "/nothing-here", "");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).startsWith("{\"error\":");
	}

	@Test
	void aWrongMethodAnswers405() {
		assertThat(http.signed("POST", "/sites/3", "").status()).isEqualTo(405);
	}

	@Test
	void whenTheAppserverIsDownAValidSpecIsNotServedAndAnswers503() {
		TestHttp.Response response = http.signed("PUT", "/sites/8",
				"{\"id\":8,\"name\":\"alpha\",\"type\":\"STATIC\",\"hosts\":[\"alpha.sites.localhost\"]}");

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.body()).contains("has no running container");
		// Its folder may be made already (the same spec again finds it); its config, which Nginx could not test, is
		// not left where a restarted Nginx would read it.
		assertThat(DATA.resolve("appserver-nginx/sites/site-8.map")).doesNotExist();
		assertThat(DATA.resolve("appserver-nginx/sites/site-8.conf")).doesNotExist();
	}

	@Test
	void aBatchNamingASiteTwiceOrLargerThanAllowedIsRefusedWhole() {
		String alpha = "{\"id\":9,\"name\":\"alpha\",\"type\":\"STATIC\",\"hosts\":[\"alpha.sites.localhost\"]}";
		TestHttp.Response twice = http.signed("PUT", "/sites", "[" + alpha + "," + alpha + "]");
		assertThat(twice.status()).isEqualTo(400);
		assertThat(twice.body()).contains("site 9 appears twice in the batch");
		TestHttp.Response tooMany = http.signed("PUT", "/sites",
				"[" + String.join(",", Collections.nCopies(SiteOutcome.MOST_PER_BATCH + 1, alpha)) + "]");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.body()).contains("at most " + SiteOutcome.MOST_PER_BATCH + " sites per batch");
		assertThat(http.signed("PUT", "/sites", "[null]").body()).contains("not null");
		assertThat(http.signed("PUT", "/sites", "{\"id\":9}").status()).isEqualTo(400);
		assertThat(DATA.resolve("sites/9")).doesNotExist();
	}

	@Test
	void whenTheAppserverIsDownABatchAnswers503AndLeavesNoConfigBehind() {
		TestHttp.Response response = http.signed("PUT", "/sites",
				"[{\"id\":10,\"name\":\"alpha\",\"type\":\"STATIC\",\"hosts\":[\"alpha.sites.localhost\"]},"
						+ "{\"id\":11,\"name\":\"beta\",\"type\":\"STATIC\",\"hosts\":[\"beta.sites.localhost\"]}]");

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.body()).contains("has no running container");
		assertThat(DATA.resolve("appserver-nginx/sites/site-10.map")).doesNotExist();
		assertThat(DATA.resolve("appserver-nginx/sites/site-11.map")).doesNotExist();
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("orchestrator-site-api-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
