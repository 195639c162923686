package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerCommands.output;
import static edu.tjhsst.director.orchestrator.DockerCommands.readTree;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.SETTLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;
import edu.tjhsst.director.orchestrator.DockerCommands.Result;

/**
 * The attack of one site's process on another's (FastCGI to {@code site_<victim>:9000}) against the real Docker Swarm:
 * site A (Python), B (PHP) and C (Python) each sit on a network of their own, so from inside A's container and A's
 * terminal the others neither resolve nor have a route, while the appserver Nginx serves all three, also after Swarm
 * replaced its container. Nothing here sends a packet to another network's address: absence is shown by names that do
 * not resolve and by A's routing table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class SiteNetworkIsolationDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("ni-", "orchestrator-isolation-", 5_900_000,
			"director/runtime-python:3", "director/runtime-php:5");

	private static final long A = SWARM.baseId() + 1;

	private static final long B = SWARM.baseId() + 2;

	private static final long C = SWARM.baseId() + 3;

	/** How long a restarted Nginx may leave the sites unanswered: its own start plus the reattacher's period. */
	private static final Duration RESTORED_WITHIN = Duration.ofSeconds(20);

	private static final TerminalTokens MINTER = new TerminalTokens(SigningKey.of(TestHttp.KEY));

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SWARM.register(registry);
	}

	@BeforeAll
	static void sites(@LocalServerPort int port) throws Exception {
		TestHttp http = new TestHttp(port);
		for (long id : new long[] { A, C }) {
			Path site = SWARM.data().resolve("sites/" + id);
			Files.createDirectories(site.resolve("public"));
			Files.writeString(site.resolve("public/index.html"), "site " + id + "\n");
			executable(site.resolve("run.sh"),
					"#!/bin/sh\ncd public && exec python3 -m http.server \"$PORT\" --bind \"$HOST\"\n");
			apply(http, id, "DYNAMIC", "python");
		}
		Path php = SWARM.data().resolve("sites/" + B);
		Files.createDirectories(php.resolve("public"));
		Files.writeString(php.resolve("public/index.php"), "<?php echo 'site ', getenv('DIRECTOR_SITE_ID'), \"\\n\";\n");
		Files.writeString(php.resolve("public/who.php"), "<?php foreach (['REMOTE_ADDR', 'HTTPS', 'SERVER_PORT', "
				+ "'HTTP_HOST', 'HTTP_X_FORWARDED_FOR', 'HTTP_X_FORWARDED_HOST'] as $n) echo $n, '=', $_SERVER[$n] ?? '', "
				+ "\"\\n\";\n");
		apply(http, B, "PHP", "php");
		for (long id : new long[] { A, B, C }) {
			assertThat(SWARM.awaitPage(host(id), response -> response.status() == 200).body()).contains("site " + id + "\n");
		}
	}

	@AfterAll
	static void deleteSites(@LocalServerPort int port) throws Exception {
		TestHttp http = new TestHttp(port);
		for (long id : new long[] { A, B, C }) {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void eachSiteProcessIsOnItsOwnNetworkOnlyAndTheNginxOnAllOfThem() throws Exception {
		for (long id : new long[] { A, B, C }) {
			assertThat(networks(container("site_" + id))).as("networks of site %s's process", id)
				.containsExactly(network(id));
		}
		assertThat(networks(nginx())).as("networks of the appserver Nginx")
			.contains(SWARM.network(), network(A), network(B), network(C));
	}

	@Test
	void aSiteRestartsOnItsNetworkWithoutMeetingTheNginxsAddress() throws Exception {
		TestHttp http = new TestHttp(port);
		for (int restart = 0; restart < 2; restart++) {
			String before = container("site_" + C);
			TestHttp.Response restarted = http.signed("POST", "/sites/" + C + "/process/restart", "");
			assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
			Await.value("one new container of site " + C + " after its restart", SETTLE,
					() -> output(DOCKER, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=site_" + C)
						.trim(),
					ids -> !ids.isEmpty() && !ids.contains(before) && !ids.contains("\n"));
		}
		assertThat(output(DOCKER, "service", "ps", "--no-trunc", "--format", "{{.Error}}", "site_" + C))
			.as("errors of site C's tasks").doesNotContain("Address already in use");
		assertThat(SWARM.awaitPage(host(C), response -> response.status() == 200).body()).contains("site " + C);
	}

	@Test
	void anotherSitesProcessDoesNotResolveFromInsideASite() throws Exception {
		String a = container("site_" + A);
		for (long other : new long[] { B, C }) {
			Result lookup = exec(a, "getent hosts site_" + other);
			assertThat(lookup.exitCode()).as("getent hosts site_%s from A: %s", other, lookup.output()).isEqualTo(2);
		}
		assertThat(exec(a, "getent hosts site_" + A).exitCode()).as("A resolves itself").isZero();
	}

	@Test
	void aFastCgiOrHttpConnectionByNameToAnotherSiteFailsWhileASiteReachesItself() throws Exception {
		String a = container("site_" + A);
		Result php = exec(a, connect("site_" + B, 9000));
		assertThat(php.exitCode()).as("a connection to B's php-fpm: %s", php.output()).isNotZero();
		assertThat(php.output()).contains("gaierror");
		Result dynamic = exec(a, connect("site_" + C, 8080));
		assertThat(dynamic.exitCode()).as("a connection to C's process: %s", dynamic.output()).isNotZero();
		assertThat(dynamic.output()).contains("gaierror");
		Result self = exec(a, "python3 -c 'import urllib.request; "
				+ "print(urllib.request.urlopen(\"http://site_" + A + ":8080/\", timeout=5).read().decode())'");
		assertThat(self.output()).as("A asks itself by name").contains("site " + A);
	}

	@Test
	void aSiteTalkingToTheNginxOnItsNetworkCannotClaimAClientAddressOrHttpsToAnotherSite() throws Exception {
		String a = container("site_" + A);
		String nginxOnA = networkSettings(nginx()).get(network(A)).get("IPAddress").asText();
		String aOnA = networkSettings(a).get(network(A)).get("IPAddress").asText();
		Result asked = exec(a, "python3 -c 'import urllib.request; print(urllib.request.urlopen(urllib.request.Request("
				+ "\"http://" + nginxOnA + "/who.php\", headers={\"Host\": \"" + host(B) + "\", \"X-Real-IP\": "
				+ "\"203.0.113.66\", \"X-Forwarded-For\": \"203.0.113.66\", \"X-Forwarded-Proto\": \"https\", "
				+ "\"X-Forwarded-Port\": \"443\", \"X-Forwarded-Host\": \"evil.example.org\"}), timeout=5).read().decode())'");
		assertThat(asked.exitCode()).as(asked.output()).isZero();
		assertThat(asked.output().lines()).as("what B's PHP heard from A's process")
			.contains("REMOTE_ADDR=" + aOnA, "HTTPS=", "SERVER_PORT=80", "HTTP_HOST=" + host(B),
					"HTTP_X_FORWARDED_FOR=203.0.113.66, " + aOnA, "HTTP_X_FORWARDED_HOST=" + host(B));
	}

	@Test
	void aSiteHasNoRouteOntoAnotherSitesNetwork() throws Exception {
		List<Route> routes = routes(container("site_" + A));
		for (long other : new long[] { B, C }) {
			for (String address : addresses(container("site_" + other))) {
				assertThat(routes).as("A's routes to %s (site %s); only the default route may match", address, other)
					.noneMatch(route -> route.isOnLinkFor(address));
			}
		}
		for (String address : addresses(container("site_" + A))) {
			assertThat(routes).as("A's own subnet").anyMatch(route -> route.isOnLinkFor(address));
		}
	}

	@Test
	void aSitesTerminalIsOnItsSitesNetworkOnlyAndReachesNoOtherSite() throws Exception {
		String token = MINTER.mint(new TerminalGrant(A, "site-a", "alice", TerminalMode.EXEC, "true", false,
				"director/runtime-python:3", new SiteLimits(250L, 128L, 64L), MINTER.expiry(), TerminalTokens.nonce()));
		TerminalDockerTests.Session session = TerminalDockerTests.open(port, token);
		assertThat(session.awaitExit()).contains("\"code\":0");
		String terminal = "site_" + A + "_terminal";
		assertThat(networks(terminal)).as("the terminal's networks (not the default bridge)").containsExactly(network(A));
		assertThat(exec(terminal, "getent hosts site_" + B).exitCode()).as("B from A's terminal").isEqualTo(2);
		assertThat(exec(terminal, "getent hosts site_" + C).exitCode()).as("C from A's terminal").isEqualTo(2);
		List<Route> routes = routes(terminal);
		for (long other : new long[] { B, C }) {
			for (String address : addresses(container("site_" + other))) {
				assertThat(routes).as("routes from A's terminal to %s", address).noneMatch(route -> route.isOnLinkFor(address));
			}
		}
		assertThat(exec(terminal, "getent hosts site_" + A).exitCode()).as("A's terminal finds its own site").isZero();
	}

	@Test
	void aNginxContainerSwarmStartsAfreshServesEverySiteAgainWithinTheDeadline() throws Exception {
		String killed = nginx();
		output(DOCKER, "kill", killed);
		long gap = awaitAllServed(killed);
		System.out.printf("sites unanswered for %d ms after the Nginx container was killed%n", gap);

		String updated = nginx();
		output(DOCKER, "service", "update", "--detach", "--force", SWARM.service());
		gap = awaitAllServed(updated);
		System.out.printf("sites unanswered for %d ms after docker service update --force%n", gap);
		assertThat(networks(nginx())).as("networks of the new Nginx container")
			.contains(network(A), network(B), network(C));
	}

	/** Waits for a new Nginx container to serve every site, and returns how long they went unanswered. */
	private static long awaitAllServed(String previous) {
		long started = System.nanoTime();
		Await.until("a new Nginx container serving every site again", RESTORED_WITHIN, () -> {
			boolean all = !previous.equals(nginxOrNull());
			for (long id : new long[] { A, B, C }) {
				all &= served(id);
			}
			return all;
		});
		return (System.nanoTime() - started) / 1_000_000;
	}

	private static boolean served(long id) {
		try {
			TestHttp.Response page = TestHttp.getWithHost(SWARM.appserverPort(), host(id));
			return page.status() == 200 && page.body().contains("site " + id + "\n");
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void apply(TestHttp http, long id, String type, String runtime) throws Exception {
		String spec = "{\"id\":" + id + ",\"name\":\"iso-" + id + "\",\"type\":\"" + type + "\",\"hosts\":[\""
				+ host(id) + "\"],\"runtime\":\"" + runtime + "\"}";
		TestHttp.Response applied = http.signed("PUT", "/sites/" + id, spec);
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
	}

	private static String host(long id) {
		return "iso-" + id + ".sites.localhost";
	}

	private static String network(long id) {
		return SWARM.network() + "-" + id;
	}

	/** A Python one-liner that opens a TCP connection by name, as the FastCGI attack did. */
	private static String connect(String host, int port) {
		return "python3 -c 'import socket; socket.create_connection((\"" + host + "\", " + port + "), 3); "
				+ "print(\"connected\")'";
	}

	/** Runs a shell command in a container as the site's user, as a site's process or terminal would. */
	private static Result exec(String container, String command) throws Exception {
		return run(DOCKER, "exec", "-u", "1000:1000", container, "sh", "-c", command);
	}

	/** The running container of a service, once there is one. */
	private static String container(String service) {
		return Await.value("one running container of " + service, SETTLE,
				() -> output(DOCKER, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + service).trim(),
				id -> !id.isEmpty() && !id.contains("\n"));
	}

	private static String nginx() {
		return container(SWARM.service());
	}

	private static String nginxOrNull() {
		String ids = output(DOCKER, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + SWARM.service()).trim();
		return ids.isEmpty() ? null : ids.lines().findFirst().orElse(null);
	}

	private static JsonNode networkSettings(String container) {
		return readTree(output(DOCKER, "container", "inspect", container)).get(0).at("/NetworkSettings/Networks");
	}

	/** The names of the networks a container is on. */
	private static Set<String> networks(String container) {
		Set<String> names = new TreeSet<>();
		networkSettings(container).fieldNames().forEachRemaining(names::add);
		return names;
	}

	/** A container's addresses on its networks, read from Docker, never contacted. */
	private static List<String> addresses(String container) {
		List<String> addresses = new ArrayList<>();
		for (Iterator<JsonNode> it = networkSettings(container).elements(); it.hasNext();) {
			String address = it.next().get("IPAddress").asText();
			if (!address.isEmpty()) {
				addresses.add(address);
			}
		}
		assertThat(addresses).as("addresses of %s", container).isNotEmpty();
		return addresses;
	}

	/** A container's IPv4 routing table, read from {@code /proc/net/route}. */
	private static List<Route> routes(String container) throws Exception {
		Result table = exec(container, "cat /proc/net/route");
		assertThat(table.exitCode()).as(table.output()).isZero();
		return table.output().lines().skip(1).map(line -> line.trim().split("\\s+"))
			.map(fields -> new Route(fields[0], parseHex(fields[1]), parseHex(fields[7]))).toList();
	}

	/** /proc/net/route writes addresses as hexadecimal in the host's (little-endian) byte order. */
	private static int parseHex(String hex) {
		return Integer.reverseBytes((int) Long.parseLong(hex, 16));
	}

	/** One route: the destination subnet reached on an interface without a gateway when its mask is not empty. */
	private record Route(String iface, int destination, int mask) {

		/** Whether the address lies in this route's subnet, other than through the default route. */
		boolean isOnLinkFor(String address) {
			return mask != 0 && (ipv4(address) & mask) == destination;
		}

		private static int ipv4(String address) {
			int value = 0;
			for (String part : address.split("\\.")) {
				value = value << 8 | Integer.parseInt(part);
			}
			return value;
		}

	}

}
