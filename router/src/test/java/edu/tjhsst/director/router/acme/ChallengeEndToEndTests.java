package edu.tjhsst.director.router.acme;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.router.HttpsFrontDoor;
import edu.tjhsst.director.router.RouterTestSupport;
import edu.tjhsst.director.router.RouterTestSupport.FrontDoorResponse;
import edu.tjhsst.director.router.RouterUnderTest;

import static org.assertj.core.api.Assertions.assertThat;

/** ACME HTTP-01 answers put over the signed API are served by the real front door for any host, or refused. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
@SlowTest
class ChallengeEndToEndTests {

	private static final RouterUnderTest ROUTER = RouterUnderTest
		.in(RouterTestSupport.readableByNginxWorkers(RouterTestSupport.newDataDir("acme")));

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void router(DynamicPropertyRegistry registry) {
		ROUTER.register(registry);
		registry.add("director.router.appservers", () -> "127.0.0.1:9");
	}

	@Test
	void aChallengeAnswerIsServedForAnyHostUntilItIsWithdrawn() {
		String token = "anyHostToken-0123456789";
		String answer = token + ".Thumbprint-0123456789abc";
		String route = "{\"siteId\":1,\"hosts\":[\"routed.sites.localhost\"]}";
		assertThat(RouterTestSupport.callAsManager(port, "PUT", "/routes/1", route).statusCode()).isEqualTo(200);
		assertThat(RouterTestSupport.putChallenge(port, token, answer).body())
			.isEqualTo("{\"token\":\"" + token + "\",\"status\":\"published\"}");
		for (String host : List.of("nobody.example.net", "routed.sites.localhost")) {
			FrontDoorResponse served = HttpsFrontDoor.getPlain(ROUTER.httpPort(), host, "/.well-known/acme-challenge/" + token);
			assertThat(served.status()).as(host).isEqualTo(200);
			assertThat(served.head()).containsIgnoringCase("Content-Type: text/plain");
			assertThat(served.body()).isEqualTo(answer);
		}
		HttpResponse<String> deleted = RouterTestSupport.callAsManager(port, "DELETE", "/challenges/" + token, "");
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(HttpsFrontDoor.getPlain(ROUTER.httpPort(), "nobody.example.net", "/.well-known/acme-challenge/" + token)
			.status()).isEqualTo(404);
		assertThat(RouterTestSupport.callAsManager(port, "DELETE", "/challenges/" + token, "").statusCode())
			.isEqualTo(200);
	}

	@Test
	void badChallengeTokensAreRefusedAndNothingIsWritten() throws IOException {
		String body = "{\"token\":\"goodToken_0123456789\",\"keyAuthorization\":\"goodToken_0123456789.thumbprint_0123456789\"}";
		for (String path : List.of("/challenges/..%2Fx", "/challenges/a/b", "/challenges/short",
				"/challenges/%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9",
				"/challenges/otherToken_0123456789")) {
			HttpResponse<String> response = RouterTestSupport.callAsManager(port, "PUT", path, body);
			assertThat(response.statusCode()).as(path).isEqualTo(400);
		}
		String dotted = "{\"token\":\"../x\",\"keyAuthorization\":\"../x.thumbprint_0123456789\"}";
		assertThat(RouterTestSupport.callAsManager(port, "PUT", "/challenges/..", dotted).statusCode())
			.isBetween(400, 499);
		Path challenges = ROUTER.data().resolve("router-nginx/acme/.well-known/acme-challenge");
		if (Files.isDirectory(challenges)) {
			try (Stream<Path> files = Files.list(challenges)) {
				assertThat(files).noneMatch(file -> file.getFileName().toString().startsWith("goodToken")
						|| file.getFileName().toString().startsWith("other") || file.getFileName().toString().equals("x"));
			}
		}
	}

}
