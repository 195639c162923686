package edu.tjhsst.director.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SignatureHeaders;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.orchestrator.TestHttp;

/** Only requests the manager signed, fresh and once, get through; the health check is open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignedRequestsTests {

	private static final Path DATA = temporaryDirectory();

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.bootstrap", () -> "false");
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
	void aSignedRequestIsServed() {
		TestHttp.Response response = http.signed("DELETE", "/sites/424242", "");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"removed\"");
	}

	@Test
	void anUnsignedRequestIsRefused() {
		TestHttp.Response response = http.send("DELETE", "/sites/424242", "", Map.of());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"error\":\"request is not signed\"}");
	}

	@Test
	void aRequestSignedWithAnotherKeyIsRefused() {
		Map<String, String> headers = new RequestSigner("manager",
				SigningKey.of("another-key-that-is-long-enough-0123456789")).headers("DELETE", "/sites/424242", new byte[0]);

		TestHttp.Response response = http.send("DELETE", "/sites/424242", "", headers);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("signature does not match");
	}

	@Test
	void aCallerOtherThanTheManagerIsRefused() {
		Map<String, String> headers = new RequestSigner("router", SigningKey.of(TestHttp.KEY))
			.headers("DELETE", "/sites/424242", new byte[0]);

		assertThat(http.send("DELETE", "/sites/424242", "", headers).status()).isEqualTo(401);
	}

	@Test
	void aStaleRequestIsRefused() {
		Map<String, String> headers = new LinkedHashMap<>(TestHttp.sign("DELETE", "/sites/424242", ""));
		headers.put(SignatureHeaders.TIMESTAMP, Long.toString(Instant.now().minusSeconds(120).getEpochSecond()));

		TestHttp.Response response = http.send("DELETE", "/sites/424242", "", headers);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("signature is stale");
	}

	@Test
	void aReplayedRequestIsRefused() {
		Map<String, String> headers = TestHttp.sign("DELETE", "/sites/424242", "");

		assertThat(http.send("DELETE", "/sites/424242", "", headers).status()).isEqualTo(200);
		TestHttp.Response replay = http.send("DELETE", "/sites/424242", "", headers);

		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.body()).contains("request was replayed");
	}

	@Test
	void aSignatureForAnotherPathIsRefused() {
		Map<String, String> headers = TestHttp.sign("DELETE", "/sites/1", "");

		assertThat(http.send("DELETE", "/sites/2", "", headers).status()).isEqualTo(401);
	}

	@Test
	void theHealthCheckNeedsNoSignatureAndRevealsNothing() {
		TestHttp.Response response = http.send("GET", "/health", "", Map.of());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).matches("\\{\"status\":\"UP\",\"started\":\"[0-9T:.-]+Z\"}");
	}

	@Test
	void actuatorEndpointsAreNotServed() {
		assertThat(http.send("GET", "/actuator/health", "", Map.of()).status()).isEqualTo(401);
		assertThat(http.signed("GET", "/actuator/health", "").status()).isEqualTo(404);
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("orchestrator-signing-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
