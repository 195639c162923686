package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerCommands.readTree;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static edu.tjhsst.director.orchestrator.DockerCommands.serviceExists;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.testing.DockerTest;
import edu.tjhsst.director.common.testing.PrometheusText;

/**
 * The operator API as operators and the other callers meet it, on a real engine: only a live operator's token opens
 * it, and it opens nothing of the manager's; what it lists and does (converge, reload, prune, node availability)
 * happens on the engine; every call, refused or not, is on record with who made it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot's tests leave the Prometheus registry out unless asked; the orchestrator itself always has it.
@AutoConfigureObservability(tracing = false)
@DockerTest
class OperatorApiDockerTests {

	/** Its own platform prefix: a prune looks at this platform's site images only, whatever else the engine has. */
	private static final String PLATFORM = "op" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("op-", "orchestrator-operator-", 9_900_000,
			"director/runtime-python:3").withPlatform(PLATFORM);

	private static final String LIVE = token('a');

	private static final String EXPIRED = token('e');

	private static final String REVOKED = token('r');

	/** Every operator call, each as an operator would make it. */
	private static final List<String[]> CALLS = List.of(new String[] { "GET", "/operator/v1/sites", "" },
			new String[] { "GET", "/operator/v1/sites/1", "" },
			new String[] { "POST", "/operator/v1/sites/1/converge", "" },
			new String[] { "POST", "/operator/v1/sites/converge", "" },
			new String[] { "GET", "/operator/v1/appservers", "" },
			new String[] { "POST", "/operator/v1/appservers/reload", "" },
			new String[] { "GET", "/operator/v1/images", "" },
			new String[] { "POST", "/operator/v1/images/prune?dryRun=true", "" },
			new String[] { "GET", "/operator/v1/nodes", "" },
			new String[] { "POST", "/operator/v1/nodes/abc/availability", "{\"availability\":\"active\"}" },
			new String[] { "GET", "/operator/v1/audit", "" }, new String[] { "GET", "/operator/v1/metrics", "" },
			new String[] { "GET", "/operator/v1/openapi.json", "" });

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		SWARM.register(registry);
		long now = Instant.now().getEpochSecond();
		writeTokens(line("alice", LIVE, now + 3600), line("old", EXPIRED, now - 1), line("gone", REVOKED, now + 3600));
	}

	@BeforeEach
	void client() throws Exception {
		http = new TestHttp(port);
		// "gone" is revoked the way ./director operator revoke does it: its line leaves the file.
		long now = Instant.now().getEpochSecond();
		writeTokens(line("alice", LIVE, now + 3600), line("old", EXPIRED, now - 1));
	}

	@Test
	void everyOperatorCallIsRefusedWithoutALiveOperatorsTokenEvenSignedByTheManager() {
		for (String[] call : CALLS) {
			String what = call[0] + " " + call[1];
			assertThat(http.send(call[0], call[1], call[2], Map.of()).status()).as(what + " with no token")
				.isEqualTo(401);
			for (String token : List.of(EXPIRED, REVOKED, "dop_" + "x".repeat(43), "director_" + "a".repeat(43))) {
				assertThat(operator(call[0], call[1], call[2], token).status()).as(what + " with " + token)
					.isEqualTo(401);
			}
			assertThat(http.signed(call[0], call[1], call[2]).status()).as(what + " signed by the manager")
				.isEqualTo(401);
		}
	}

	@Test
	void anOperatorsTokenOpensNoneOfTheManagersCallsByAnyPath() {
		long id = SWARM.baseId() + 9;
		String spec = "{\"id\":" + id + ",\"name\":\"not-yours\",\"type\":\"STATIC\",\"hosts\":[\"x.sites.localhost\"]}";
		for (String[] call : List.of(new String[] { "PUT", "/sites/" + id, spec },
				new String[] { "GET", "/sites", "" }, new String[] { "DELETE", "/sites/" + id, "" },
				new String[] { "GET", "/sites/" + id + "/files?path=", "" },
				new String[] { "GET", "/terminal", "" }, new String[] { "GET", "/runtimes", "" })) {
			assertThat(operator(call[0], call[1], call[2], LIVE).status()).as(call[0] + " " + call[1]).isEqualTo(401);
		}
		assertThat(Files.exists(SWARM.data().resolve("sites/" + id))).isFalse();
		// The manager's signature on a path that is the operator API's once decoded: past both filters, not past
		// the boundary at the controllers.
		for (String path : List.of("/%6Fperator/v1/sites", "/operator;x=1/v1/sites")) {
			TestHttp.Response signed = http.signed("GET", path, "");
			assertThat(signed.status()).as(path + ": " + signed.body()).isEqualTo(403);
			assertThat(signed.body()).contains("only operators");
		}
		// Paths that start as the operator API's and would lead elsewhere once decoded or normalized.
		for (String path : List.of("/operator/v1/../../sites", "/operator/v1/%2e%2e/%2e%2e/sites",
				"/operator/v1/sites;x=1", "/operator/v1/./sites", "/operator//v1/sites")) {
			TestHttp.Response answer = TestHttp.exchange(port, ("GET " + path + " HTTP/1.0\r\nAuthorization: Bearer "
					+ LIVE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
			assertThat(answer.body()).as(path).contains("plain segments");
		}
	}

	@Test
	void anOperatorPutsBackASiteWhoseServiceWasRemovedByHandAndEveryCallIsOnRecordWithWhoMadeIt() throws Exception {
		long id = SWARM.baseId() + 1;
		String host = "op-" + id + ".sites.localhost";
		Path site = SWARM.data().resolve("sites/" + id);
		Files.createDirectories(site);
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				mkdir -p /tmp/www && echo "operated" > /tmp/www/index.html
				cd /tmp/www && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		String spec = "{\"id\":" + id + ",\"name\":\"operated\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\",\"env\":{\"API_SECRET\":\"s3cret-value\"}}";
		assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);
		SWARM.awaitPage(host, response -> response.body().contains("operated"));

		assertThat(run(DOCKER, "service", "rm", SWARM.siteService(id)).exitCode()).isZero();
		JsonNode listed = readTree(operator("GET", "/operator/v1/sites?limit=1000", "", LIVE).body());
		JsonNode entry = find(listed.get("sites"), id);
		assertThat(entry.get("applied").asBoolean()).isTrue();
		assertThat(entry.get("service").asBoolean()).as("removed by hand").isFalse();

		TestHttp.Response converged = operator("POST", "/operator/v1/sites/" + id + "/converge", "", LIVE);
		assertThat(converged.status()).as(converged.body()).isEqualTo(200);
		assertThat(converged.body()).contains("The site's service was missing; it was created again.");
		assertThat(serviceExists(SWARM.siteService(id))).isTrue();
		assertThat(SWARM.awaitPage(host, response -> response.body().contains("operated")).status()).isEqualTo(200);

		JsonNode all = readTree(operator("POST", "/operator/v1/sites/converge", "", LIVE).body());
		JsonNode outcome = find(all, id);
		assertThat(outcome.get("changes")).as("converged already").isEmpty();
		assertThat(outcome.get("problem").isNull()).isTrue();

		TestHttp.Response inspected = operator("GET", "/operator/v1/sites/" + id, "", LIVE);
		assertThat(inspected.status()).isEqualTo(200);
		assertThat(inspected.body()).contains("API_SECRET", "site-" + id + ".conf").doesNotContain("s3cret-value");
		assertThat(readTree(inspected.body()).get("tasks").get(0).get("node").asText()).isNotBlank();
		assertThat(operator("POST", "/operator/v1/sites/" + (id + 1) + "/converge", "", LIVE).status())
			.as("a site with no applied spec here").isEqualTo(404);
		assertThat(operator("GET", "/operator/v1/sites?limit=100000", "", LIVE).status()).isEqualTo(400);

		// The manager deleting the site takes its applied spec with it: a converge cannot bring it back.
		assertThat(http.signed("DELETE", "/sites/" + id, "").status()).isEqualTo(200);
		assertThat(operator("POST", "/operator/v1/sites/" + id + "/converge", "", LIVE).status()).isEqualTo(404);

		operator("GET", "/operator/v1/nodes", "", EXPIRED);
		JsonNode audit = readTree(operator("GET", "/operator/v1/audit?limit=1000", "", LIVE).body());
		List<String> calls = new ArrayList<>();
		audit.forEach(call -> calls.add(call.get("operator").asText("-") + " " + call.get("method").asText() + " "
				+ call.get("path").asText() + " " + call.get("status").asInt()));
		assertThat(calls).contains("alice GET /operator/v1/sites?limit=1000 200",
				"alice POST /operator/v1/sites/" + id + "/converge 200", "alice POST /operator/v1/sites/converge 200",
				"alice GET /operator/v1/sites/" + id + " 200", "alice GET /operator/v1/sites?limit=100000 400",
				"alice POST /operator/v1/sites/" + id + "/converge 404", "- GET /operator/v1/nodes 401");
		assertThat(audit.get(0).get("from").asText()).isEqualTo("127.0.0.1");
		Path record = SWARM.data().resolve("operators/audit.jsonl");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(record))).isEqualTo("rw-------");
		assertThat(Files.readString(record)).contains("\"operator\":\"alice\"").doesNotContain(LIVE);
	}

	@Test
	void theAppserversAreListedAndReloadedOnAnOperatorsRequest() {
		JsonNode appservers = readTree(operator("GET", "/operator/v1/appservers", "", LIVE).body());
		assertThat(appservers.get(0).get("service").asText()).isEqualTo(SWARM.service());
		assertThat(appservers.get(0).get("present").asBoolean()).isTrue();

		TestHttp.Response reloaded = operator("POST", "/operator/v1/appservers/reload", "", LIVE);

		assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
		assertThat(readTree(reloaded.body()).get("reloads").asLong()).isPositive();
	}

	@Test
	void theNodesAreListedButTheNodeThePlatformRunsOnIsNeitherPausedNorDrained() throws Exception {
		JsonNode nodes = readTree(operator("GET", "/operator/v1/nodes", "", LIVE).body());
		String self = run(DOCKER, "info", "--format", "{{.Swarm.NodeID}}").output().strip();
		assertThat(nodes.findValuesAsText("id")).contains(self);
		String path = "/operator/v1/nodes/" + self + "/availability";

		for (String availability : List.of("pause", "drain")) {
			TestHttp.Response refused = operator("POST", path, "{\"availability\":\"" + availability + "\"}", LIVE);
			assertThat(refused.status()).as(refused.body()).isEqualTo(409);
			assertThat(refused.body()).contains("control components");
		}
		TestHttp.Response active = operator("POST", path, "{\"availability\":\"active\"}", LIVE);
		assertThat(active.status()).as(active.body()).isEqualTo(200);
		assertThat(readTree(active.body()).get("availability").asText()).isEqualTo("active");
		assertThat(run(DOCKER, "node", "inspect", "--format", "{{.Spec.Availability}}", self).output().strip())
			.isEqualTo("active");
		assertThat(operator("POST", "/operator/v1/nodes/nosuchnode0/availability", "{\"availability\":\"active\"}",
				LIVE).status()).isEqualTo(404);
		assertThat(operator("POST", path, "{\"availability\":\"off\"}", LIVE).status()).isEqualTo(400);
		assertThat(operator("POST", "/operator/v1/nodes/NOT-AN-ID/availability", "{\"availability\":\"active\"}",
				LIVE).status()).isEqualTo(400);
	}

	@Test
	void aPruneRemovesTheBuildsOfSitesThatAreGoneAndKeepsTheOthers() throws Exception {
		long kept = SWARM.baseId() + 3;
		long gone = SWARM.baseId() + 4;
		Files.createDirectories(SWARM.data().resolve("sites/" + kept));
		String keptTag = "director/" + PLATFORM + "-site-" + kept + ":test";
		String goneTag = "director/" + PLATFORM + "-site-" + gone + ":test";
		// Another platform's build on the same engine, whose site has no folder here either: not this one's to touch.
		String otherPlatformsTag = "director/site-" + gone + ":test";
		try {
			build(keptTag, kept);
			build(goneTag, gone);
			build(otherPlatformsTag, gone);

			JsonNode young = readTree(operator("POST", "/operator/v1/images/prune", "", LIVE).body());
			assertThat(young.get("removed")).as("a build made just now may be a site's being created").isEmpty();
			assertThat(young.get("kept").toString()).contains(goneTag + ": made less than 24 hours ago");
			JsonNode dry = readTree(operator("POST", "/operator/v1/images/prune?dryRun=true&minAgeHours=0", "", LIVE)
				.body());
			assertThat(dry.get("removed").toString()).contains(goneTag).doesNotContain(keptTag)
				.doesNotContain(otherPlatformsTag);
			assertThat(imageExists(goneTag)).as("a dry run removes nothing").isTrue();

			TestHttp.Response pruned = operator("POST", "/operator/v1/images/prune?minAgeHours=0", "", LIVE);

			assertThat(pruned.status()).as(pruned.body()).isEqualTo(200);
			assertThat(imageExists(goneTag)).isFalse();
			assertThat(imageExists(keptTag)).isTrue();
			assertThat(imageExists(otherPlatformsTag)).isTrue();
			assertThat(operator("GET", "/operator/v1/images", "", LIVE).body()).contains(keptTag)
				.contains("director/runtime-python:3").doesNotContain(otherPlatformsTag);
			assertThat(operator("POST", "/operator/v1/images/prune?minAgeHours=-1", "", LIVE).status())
				.isEqualTo(400);
		}
		finally {
			run(DOCKER, "image", "rm", "-f", keptTag, goneTag, otherPlatformsTag);
		}
	}

	@Test
	void theMetricsCountWhatWasConvergedReloadedAndRefusedAsPrometheusReadsThem() throws Exception {
		long id = SWARM.baseId() + 5;
		String spec = "{\"id\":" + id + ",\"name\":\"counted\",\"type\":\"STATIC\",\"hosts\":[\"counted-" + id
				+ ".sites.localhost\"]}";
		Map<String, Double> before = metrics();

		assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);
		assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);
		assertThat(operator("POST", "/operator/v1/appservers/reload", "", LIVE).status()).isEqualTo(200);
		assertThat(http.send("GET", "/sites", "", Map.of()).status()).as("unsigned").isEqualTo(401);
		Map<String, Double> after = metrics();

		assertThat(delta(before, after, "director_site_converges_seconds_count{result=changed}")).isEqualTo(1);
		assertThat(delta(before, after, "director_site_converges_seconds_count{result=unchanged}")).isEqualTo(1);
		assertThat(delta(before, after, "director_nginx_reloads_seconds_count{nginx=appserver,result=done}"))
			.isGreaterThanOrEqualTo(2);
		assertThat(delta(before, after, "director_nginx_tests_seconds_count{nginx=appserver,result=accepted}"))
			.isGreaterThanOrEqualTo(2);
		assertThat(delta(before, after, "director_signed_calls_refused_total{status=401}")).isEqualTo(1);
		assertThat(after.keySet()).anyMatch(sample -> sample.startsWith("jvm_memory_used_bytes{area=heap"));
		assertThat(http.signed("DELETE", "/sites/" + id, "").status()).isEqualTo(200);
	}

	private Map<String, Double> metrics() throws Exception {
		TestHttp.Response scraped = operator("GET", "/operator/v1/metrics", "", LIVE);
		assertThat(scraped.status()).as(scraped.body()).isEqualTo(200);
		return PrometheusText.parse(scraped.body());
	}

	private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
		assertThat(after).as("the samples scraped").containsKey(sample);
		return after.get(sample) - before.getOrDefault(sample, 0.0);
	}

	@Test
	void theDescriptionValidatesAndListsEveryOperatorPathAndNoneOfTheManagers() {
		TestHttp.Response document = operator("GET", "/operator/v1/openapi.json", "", LIVE);
		assertThat(document.status()).isEqualTo(200);

		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body());

		assertThat(parsed.getMessages()).isEmpty();
		Set<String> paths = new TreeSet<>(parsed.getOpenAPI().getPaths().keySet());
		assertThat(paths).containsExactlyInAnyOrder("/operator/v1/sites", "/operator/v1/sites/{id}",
				"/operator/v1/sites/{id}/converge", "/operator/v1/sites/converge", "/operator/v1/appservers",
				"/operator/v1/appservers/reload", "/operator/v1/images", "/operator/v1/images/prune",
				"/operator/v1/nodes", "/operator/v1/nodes/{id}/availability", "/operator/v1/audit",
				"/operator/v1/metrics");
		assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("operatorToken");
	}

	private TestHttp.Response operator(String method, String path, String body, String token) {
		return http.send(method, path, body, Map.of("Authorization", "Bearer " + token));
	}

	private static JsonNode find(JsonNode sites, long id) {
		for (JsonNode site : sites) {
			if (site.path("id").asLong(site.path("siteId").asLong()) == id) {
				return site;
			}
		}
		throw new AssertionError("no site " + id + " in " + sites);
	}

	private static void build(String tag, long site) throws Exception {
		Path context = Files.createTempDirectory("operator-image");
		Files.writeString(context.resolve("Dockerfile"), "FROM director/runtime-python:3\nLABEL director.managed=true"
				+ " director.site=" + site + "\n");
		assertThat(run(DOCKER, "build", "-q", "-t", tag, context.toString()).exitCode()).isZero();
	}

	private static boolean imageExists(String tag) throws Exception {
		return run(DOCKER, "image", "inspect", tag).exitCode() == 0;
	}

	private static String token(char fill) {
		return "dop_" + ThreadLocalRandom.current().ints(42, 0, 26).mapToObj(n -> String.valueOf((char) ('a' + n)))
			.reduce("", String::concat) + fill;
	}

	private static String line(String name, String token, long expires) throws Exception {
		String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
			.digest(token.getBytes(StandardCharsets.US_ASCII)));
		return name + " " + hash + " " + expires;
	}

	private static void writeTokens(String... lines) throws Exception {
		Path file = SWARM.data().resolve("operators/tokens");
		Files.createDirectories(file.getParent());
		Files.write(file, List.of(lines));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
	}

}
