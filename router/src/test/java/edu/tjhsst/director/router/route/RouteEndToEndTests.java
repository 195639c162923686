package edu.tjhsst.director.router.route;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.router.RouterTestSupport;
import edu.tjhsst.director.router.RouterTestSupport.FrontDoorResponse;
import edu.tjhsst.director.router.RouterUnderTest;
import edu.tjhsst.director.router.api.Reloads;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole router: signed API calls change what its real Nginx forwards to a stand-in app server. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
@SlowTest
class RouteEndToEndTests {

	private static final RouterUnderTest ROUTER = RouterUnderTest.in(RouterTestSupport.newDataDir("routes"));

	private static final HttpServer APP_SERVER = RouterTestSupport.startEchoingAppServer();

	@LocalServerPort
	private int port;

	@Autowired
	private NginxConfigDirectory configs;

	@DynamicPropertySource
	static void router(DynamicPropertyRegistry registry) {
		ROUTER.register(registry);
		registry.add("director.router.appservers", () -> RouterTestSupport.addressOf(APP_SERVER));
	}

	@AfterAll
	static void stopAppServer() {
		APP_SERVER.stop(0);
	}

	@Test
	void aRouteForwardsItsHostsToTheAppServerWithTheHostKept() {
		assertThat(put(1, "alice.sites.localhost", "www.alice.example.org").body())
			.isEqualTo("{\"siteId\":1,\"status\":\"applied\",\"changes\":[\"The site's route on the router was missing;"
					+ " it was written again.\"]}");
		FrontDoorResponse alice = RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "alice.sites.localhost");
		assertThat(alice.status()).isEqualTo(200);
		assertThat(alice.body()).contains("host=alice.sites.localhost").contains("forwarded-for=127.0.0.1");
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "www.alice.example.org").body())
			.contains("host=www.alice.example.org");
		assertThat(alice.head()).doesNotContainIgnoringCase("nginx/");
	}

	@Test
	void aSitesOwnNotFoundPassesThroughAsItIsAndOnlyUnknownHostsGetTheRoutersPage() {
		assertThat(put(7, "gina.sites.localhost").statusCode()).isEqualTo(200);
		FrontDoorResponse missing = RouterTestSupport.sendToFrontDoor(ROUTER.httpPort(),
				"GET /missing HTTP/1.1\r\nHost: gina.sites.localhost\r\nConnection: close\r\n\r\n");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body()).isEqualTo("the site's own 404\n");
		FrontDoorResponse unknown = RouterTestSupport.sendToFrontDoor(ROUTER.httpPort(),
				"GET /missing HTTP/1.1\r\nHost: nobody.sites.localhost\r\nConnection: close\r\n\r\n");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).contains("No site at this address").doesNotContain("the site's own 404");
	}

	@Test
	void aSiteSeesTheAddressTheBrowserUsedPortAndAllAndTheClientsChainOfAddresses() {
		assertThat(put(5, "erin.sites.localhost").statusCode()).isEqualTo(200);
		String hostWithPort = "erin.sites.localhost:" + ROUTER.httpPort();
		FrontDoorResponse erin = RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), hostWithPort,
				"X-Forwarded-For: 203.0.113.9\r\nX-Real-IP: 203.0.113.9\r\nX-Forwarded-Host: evil.example.org\r\n"
						+ "X-Forwarded-Port: 1234\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Ssl: on\r\n"
						+ "Forwarded: for=203.0.113.9;proto=https\r\n");
		assertThat(erin.status()).isEqualTo(200);
		assertThat(erin.body()).contains("host=" + hostWithPort + "\n", "forwarded-host=" + hostWithPort + "\n",
				"forwarded-port=" + ROUTER.httpPort() + "\n", "proto=http\n",
				"forwarded-for=203.0.113.9, 127.0.0.1\n", "real-ip=127.0.0.1\n", "forwarded=null\n",
				"forwarded-ssl=null\n");
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "erin.sites.localhost").body())
			.as("no port in Host: the scheme's own").contains("host=erin.sites.localhost\n", "forwarded-port=80\n",
					"forwarded-for=127.0.0.1\n");
		FrontDoorResponse absolute = RouterTestSupport.sendToFrontDoor(ROUTER.httpPort(), "GET http://erin.sites.localhost/"
				+ " HTTP/1.1\r\nHost: mallory.example.org:8000\r\nConnection: close\r\n\r\n");
		assertThat(absolute.body()).as("the name the request was routed by, not a Host header it overrode, nor its port")
			.contains("host=erin.sites.localhost\n", "forwarded-host=erin.sites.localhost\n", "forwarded-port=80\n");
		FrontDoorResponse upperCase = RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(),
				"ERIN.sites.localhost:" + ROUTER.httpPort(), "");
		assertThat(upperCase.body()).contains("host=erin.sites.localhost:" + ROUTER.httpPort() + "\n");
	}

	@Test
	void aHostWithoutARouteGetsTheNoSitePage() {
		FrontDoorResponse response = RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "nobody.sites.localhost");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.head()).containsIgnoringCase("Content-Type: text/html");
		assertThat(response.body()).contains("No site at this address");
	}

	@Test
	void aDeletedRouteNoLongerForwards() {
		assertThat(put(2, "bob.sites.localhost").statusCode()).isEqualTo(200);
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "bob.sites.localhost").status()).isEqualTo(200);
		HttpResponse<String> deleted = RouterTestSupport.callAsManager(port, "DELETE", "/routes/2", "");
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(deleted.body())
			.isEqualTo("{\"siteId\":2,\"status\":\"removed\",\"changes\":[\"The route of site 2 was removed.\"]}");
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "bob.sites.localhost").status()).isEqualTo(404);
		assertThat(sitesFile(2)).doesNotExist();
		assertThat(RouterTestSupport.callAsManager(port, "DELETE", "/routes/2", "").statusCode()).isEqualTo(200);
	}

	@Test
	void aChangedRouteServesOnlyItsNewHosts() {
		assertThat(put(3, "carol.sites.localhost").statusCode()).isEqualTo(200);
		assertThat(put(3, "carol-new.sites.localhost").statusCode()).isEqualTo(200);
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "carol-new.sites.localhost").status())
			.isEqualTo(200);
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "carol.sites.localhost").status())
			.isEqualTo(404);
	}

	@Test
	void puttingTheSameRouteAgainChangesNothing() throws IOException {
		assertThat(put(4, "dave.sites.localhost").statusCode()).isEqualTo(200);
		String file = Files.readString(sitesFile(4));
		long reloads = configs.reloadCount();
		HttpResponse<String> again = put(4, "dave.sites.localhost");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).isEqualTo("{\"siteId\":4,\"status\":\"applied\",\"changes\":[]}");
		assertThat(configs.reloadCount()).isEqualTo(reloads);
		assertThat(Files.readString(sitesFile(4))).isEqualTo(file);
	}

	@Test
	void aRouteFileDeletedByHandIsWrittenAgainByTheSameRouteAndServedAgain() throws IOException {
		assertThat(put(5, "erin.sites.localhost").statusCode()).isEqualTo(200);
		Files.delete(sitesFile(5));
		assertThat(configs.reload()).succeedsWithin(Reloads.TIMEOUT);
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "erin.sites.localhost").status())
			.isEqualTo(404);

		HttpResponse<String> again = put(5, "erin.sites.localhost");

		assertThat(again.body()).contains("\"changes\":[\"The site's route on the router was missing; it was written"
				+ " again.\"]");
		assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "erin.sites.localhost").status())
			.isEqualTo(200);
	}

	@Test
	void theRoutesAreListedAndRemovingOneSaysWhetherThereWasOne() {
		assertThat(put(6, "frank.sites.localhost").statusCode()).isEqualTo(200);
		assertThat(RouterTestSupport.callAsManager(port, "GET", "/routes", "").body()).contains("6");

		HttpResponse<String> removed = RouterTestSupport.callAsManager(port, "DELETE", "/routes/6", "");

		assertThat(removed.body()).isEqualTo("{\"siteId\":6,\"status\":\"removed\",\"changes\":[\"The route of site 6 was"
				+ " removed.\"]}");
		assertThat(RouterTestSupport.callAsManager(port, "GET", "/routes", "").body()).doesNotContain("6");
		assertThat(RouterTestSupport.callAsManager(port, "DELETE", "/routes/6", "").body())
			.isEqualTo("{\"siteId\":6,\"status\":\"removed\",\"changes\":[]}");
	}

	@Test
	void aBadHostNameIsRefusedAndNothingIsWritten() throws IOException {
		HttpResponse<String> response = RouterTestSupport.callAsManager(port, "PUT", "/routes/5",
				"{\"siteId\":5,\"hosts\":[\"evil.com; }\"]}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"not a valid host name: evil.com; }\"}");
		assertThat(sitesFile(5)).doesNotExist();
		try (Stream<Path> written = Files.walk(ROUTER.data().resolve("router-nginx"))) {
			assertThat(written).noneMatch(file -> file.getFileName().toString().startsWith("route-5"));
		}
	}

	@Test
	void malformedJsonIsABadRequest() {
		HttpResponse<String> response = RouterTestSupport.callAsManager(port, "PUT", "/routes/6", "{\"siteId\":6,");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"the body is not a well-formed JSON route\"}");
	}

	@Test
	void aBatchOfRoutesSharesItsReloadsAndARouteWithProblemsOrThatNginxRefusesIsRefusedAlone() throws Exception {
		StringBuilder batch = new StringBuilder("[");
		for (long site = 30; site < 40; site++) {
			batch.append("{\"siteId\":").append(site).append(",\"hosts\":[\"batch-").append(site)
				.append(".sites.localhost\"]},");
		}
		// A host outside the whitelist, and a host another route of the batch claims (the map refuses it twice).
		batch.append("{\"siteId\":40,\"hosts\":[\"bad_host.sites.localhost\"]},");
		batch.append("{\"siteId\":41,\"hosts\":[\"batch-30.sites.localhost\"]}]");
		long reloads = configs.reloadCount();

		HttpResponse<String> answer = RouterTestSupport.callAsManager(port, "PUT", "/routes", batch.toString());

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode outcomes = new ObjectMapper().readTree(answer.body());
		assertThat(outcomes).hasSize(12);
		for (int i = 0; i < 10; i++) {
			assertThat(outcomes.get(i).get("siteId").asLong()).isEqualTo(30 + i);
			assertThat(outcomes.get(i).get("problem").isNull()).isTrue();
			assertThat(outcomes.get(i).get("changes").get(0).asText()).contains("was missing");
			assertThat(RouterTestSupport.getThroughFrontDoor(ROUTER.httpPort(), "batch-" + (30 + i) + ".sites.localhost")
				.body()).contains("host=batch-" + (30 + i) + ".sites.localhost");
		}
		assertThat(outcomes.get(10).get("problem").asText()).contains("bad_host");
		assertThat(outcomes.get(11).get("problem").asText()).startsWith("nginx refused the route:");
		assertThat(sitesFile(40)).doesNotExist();
		assertThat(sitesFile(41)).doesNotExist();
		assertThat(configs.reloadCount() - reloads).as("reloads for eleven routes").isLessThanOrEqualTo(2);
	}

	@Test
	void aBatchLargerThanAllowedOrNamingASiteTwiceIsRefusedWhole() {
		String twice = "[{\"siteId\":50,\"hosts\":[\"a.sites.localhost\"]},"
				+ "{\"siteId\":50,\"hosts\":[\"b.sites.localhost\"]}]";
		HttpResponse<String> refused = RouterTestSupport.callAsManager(port, "PUT", "/routes", twice);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("site 50 appears twice in the batch");
		String tooMany = "[" + String.join(",", java.util.Collections.nCopies(SiteOutcome.MOST_PER_BATCH + 1,
				"{\"siteId\":51,\"hosts\":[\"c.sites.localhost\"]}")) + "]";
		HttpResponse<String> large = RouterTestSupport.callAsManager(port, "PUT", "/routes", tooMany);
		assertThat(large.statusCode()).isEqualTo(400);
		assertThat(large.body()).contains("at most " + SiteOutcome.MOST_PER_BATCH);
		assertThat(sitesFile(50)).doesNotExist();
		assertThat(sitesFile(51)).doesNotExist();
	}

	private HttpResponse<String> put(long siteId, String... hosts) {
		String body = "{\"siteId\":" + siteId + ",\"hosts\":[\"" + String.join("\",\"", hosts) + "\"]}";
		return RouterTestSupport.callAsManager(port, "PUT", "/routes/" + siteId, body);
	}

	/** A route over plain HTTP alone: lines of the routes' map. */
	private static Path sitesFile(long siteId) {
		return ROUTER.data().resolve("router-nginx/sites/route-" + siteId + ".map");
	}

}
