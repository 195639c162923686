package edu.tjhsst.director.router.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SignatureHeaders;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.testing.PrometheusText;
import edu.tjhsst.director.router.RouterTestSupport;
import edu.tjhsst.director.router.RouterUnderTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Every call to the running router but {@code GET /health} must carry the manager's fresh, unused signature. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@DirtiesContext
class SignatureTests {

	private static final RouterUnderTest ROUTER = RouterUnderTest.in(RouterTestSupport.newDataDir("signatures"));

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void router(DynamicPropertyRegistry registry) {
		ROUTER.register(registry);
		registry.add("director.router.key-file", () -> "");
	}

	@Test
	void anUnsignedRequestIsRefused() {
		HttpResponse<String> response = RouterTestSupport.call(port, "DELETE", "/routes/7", "", Map.of());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"error\":\"request is not signed\"}");
	}

	@Test
	void aRequestSignedWithAnotherKeyIsRefused() {
		Map<String, String> headers = new RequestSigner("manager",
				SigningKey.of("some-other-key-0123456789abcdef0123456789")).headers("DELETE", "/routes/7", new byte[0]);
		HttpResponse<String> response = RouterTestSupport.call(port, "DELETE", "/routes/7", "", headers);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("signature does not match");
	}

	@Test
	void aCallerOtherThanTheManagerIsRefused() {
		Map<String, String> headers = new RequestSigner("orchestrator", SigningKey.of(RouterTestSupport.KEY))
			.headers("DELETE", "/routes/7", new byte[0]);
		HttpResponse<String> response = RouterTestSupport.call(port, "DELETE", "/routes/7", "", headers);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("unknown caller");
	}

	@Test
	void aStaleRequestIsRefused() {
		Map<String, String> headers = new LinkedHashMap<>(RouterTestSupport.managerHeaders("DELETE", "/routes/7", ""));
		headers.put(SignatureHeaders.TIMESTAMP, Long.toString(Instant.now().getEpochSecond() - 61));
		HttpResponse<String> response = RouterTestSupport.call(port, "DELETE", "/routes/7", "", headers);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("signature is stale");
	}

	@Test
	void aReplayedRequestIsRefused() {
		Map<String, String> headers = RouterTestSupport.managerHeaders("DELETE", "/routes/7", "");
		assertThat(RouterTestSupport.call(port, "DELETE", "/routes/7", "", headers).statusCode()).isEqualTo(200);
		HttpResponse<String> replay = RouterTestSupport.call(port, "DELETE", "/routes/7", "", headers);
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(replay.body()).contains("request was replayed");
	}

	@Test
	void aSignatureCoversTheBody() {
		String body = "{\"siteId\":7,\"hosts\":[\"alice.sites.localhost\"]}";
		Map<String, String> headers = RouterTestSupport.managerHeaders("PUT", "/routes/7", body);
		HttpResponse<String> response = RouterTestSupport.call(port, "PUT", "/routes/7",
				body.replace("alice", "mallory"), headers);
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void aValidSignedRequestIsServed() {
		HttpResponse<String> response = RouterTestSupport.callAsManager(port, "DELETE", "/routes/7", "");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"siteId\":7,\"status\":\"removed\",\"changes\":[]}");
	}

	@Test
	void anOversizedBodyIsRefusedBeforeItIsRead() {
		String body = "{\"siteId\":7,\"hosts\":[\"" + "a".repeat(SigningConfiguration.MAX_BODY_BYTES) + "\"]}";
		HttpResponse<String> response = RouterTestSupport.callAsManager(port, "PUT", "/routes/7", body);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(SigningConfiguration.MAX_BODY_BYTES);
	}

	@Test
	void theMetricsAreTheManagersToReadAndParseAsPrometheusText() throws Exception {
		assertThat(RouterTestSupport.call(port, "GET", "/metrics", "", Map.of()).statusCode()).isEqualTo(401);
		HttpResponse<String> response = RouterTestSupport.callAsManager(port, "GET", "/metrics", "");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain")
			.contains("version=0.0.4");
		Map<String, Double> samples = PrometheusText.parse(response.body());
		assertThat(samples.get("director_signed_calls_refused_total{status=401}")).as("the unsigned call")
			.isGreaterThanOrEqualTo(1.0);
		assertThat(samples.keySet()).anyMatch(sample -> sample.startsWith("director_nginx_tests_seconds_count{nginx=router"))
			.anyMatch(sample -> sample.startsWith("jvm_memory_used_bytes{"));
	}

	@Test
	void healthIsOpenAndSaysNothingElse() {
		HttpResponse<String> response = RouterTestSupport.call(port, "GET", "/health", "", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).matches("\\{\"status\":\"UP\",\"started\":\"[0-9T:.-]+Z\"}");
	}

	@Test
	void onlyGetOfHealthIsOpen() {
		assertThat(RouterTestSupport.call(port, "POST", "/health", "", Map.of()).statusCode()).isEqualTo(401);
		assertThat(RouterTestSupport.call(port, "GET", "/health/x", "", Map.of()).statusCode()).isEqualTo(401);
	}

	@Test
	void actuatorEndpointsAreNotOnTheWeb() {
		assertThat(RouterTestSupport.callAsManager(port, "GET", "/actuator", "").statusCode()).isEqualTo(404);
		assertThat(RouterTestSupport.callAsManager(port, "GET", "/actuator/health", "").statusCode()).isEqualTo(404);
		assertThat(RouterTestSupport.callAsManager(port, "GET", "/actuator/env", "").statusCode()).isEqualTo(404);
	}

}
