package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;

/**
 * Two appserver services, as a platform runs them: each serves every site and takes every change, and one replaced
 * by hand answers nothing until it is attached to the sites' networks (so the router sends its requests to the other
 * meanwhile), never a "not running" page for a site whose process runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class TwoAppserversDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("ta-", "orchestrator-appservers-", 2, 8_900_000,
			"director/runtime-python:3");

	private static final int FIRST = SWARM.appserverPort();

	private static final int SECOND = FIRST + 1;

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SWARM.register(registry);
	}

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@Test
	void bothAppserversServeEverySiteAndEachChangeReachesBothBeforeTheCallReturns() {
		long id = SWARM.baseId() + 1;
		assertThat(http.signed("PUT", "/sites/" + id, staticSpec(id, "two-" + id)).status()).isEqualTo(200);
		for (int appserver : new int[] { FIRST, SECOND }) {
			assertThat(page(appserver, "two-" + id).body()).contains("The site two-" + id + " is ready");
		}

		assertThat(http.signed("PUT", "/sites/" + id, staticSpec(id, "renamed-" + id)).status()).isEqualTo(200);

		for (int appserver : new int[] { FIRST, SECOND }) {
			assertThat(TestHttp.getWithHost(appserver, "renamed-" + id + ".sites.localhost").status())
				.as("the new name on port " + appserver).isEqualTo(200);
			assertThat(TestHttp.getWithHost(appserver, "two-" + id + ".sites.localhost").status())
				.as("the old name on port " + appserver).isEqualTo(404);
		}
	}

	@Test
	void anAppserverReplacedByHandAnswersOnlyOnceItReachesTheSitesAndTheOtherServesAllAlong() throws Exception {
		long id = SWARM.baseId() + 2;
		String host = "proc-" + id + ".sites.localhost";
		Path site = SWARM.data().resolve("sites/" + id);
		Files.createDirectories(site);
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				mkdir -p /tmp/www && echo "process answers" > /tmp/www/index.html
				cd /tmp/www && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		String spec = "{\"id\":" + id + ",\"name\":\"proc\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\"}";
		assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);
		for (int appserver : new int[] { FIRST, SECOND }) {
			assertThat(page(appserver, "proc-" + id).body()).contains("process answers");
		}

		assertThat(run(DOCKER, "service", "update", "--force", "--detach", SWARM.service()).exitCode()).isZero();

		Map<String, Integer> first = new TreeMap<>();
		Map<String, Integer> second = new TreeMap<>();
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		boolean wentAway = false;
		while (Instant.now().isBefore(until)) {
			String answer = answer(FIRST, host);
			first.merge(answer, 1, Integer::sum);
			wentAway = wentAway || answer.equals("no connection");
			second.merge(answer(SECOND, host), 1, Integer::sum);
			if (wentAway && answer.equals("200 process answers")) {
				break;
			}
			Thread.sleep(50);
		}
		System.out.println("[appservers] the replaced one answered " + first + "; the other " + second);
		assertThat(wentAway).as("the replaced appserver was away for a while: " + first).isTrue();
		assertThat(first.keySet()).as("what the replaced appserver answered").containsOnly("no connection",
				"200 process answers");
		assertThat(first.keySet()).contains("200 process answers");
		assertThat(second.keySet()).as("what the other appserver answered meanwhile").containsOnly("200 process answers");
	}

	private static String answer(int appserver, String host) {
		try {
			TestHttp.Response response = TestHttp.getWithHost(appserver, host);
			if (response.status() == 0) {
				return "no connection";
			}
			return response.status() + (response.body().contains("process answers") ? " process answers" : " other");
		}
		catch (RuntimeException ex) {
			// A connection closed before any answer.
			return "no connection";
		}
	}

	/** The page one appserver gives for a site's name once it answers 200, within the fixture's patience. */
	private static TestHttp.Response page(int appserver, String name) {
		return Await.value(name + " on port " + appserver, DockerSwarmFixture.SETTLE,
				() -> TestHttp.getWithHost(appserver, name + ".sites.localhost"), response -> response.status() == 200);
	}

	private static String staticSpec(long id, String name) {
		return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"type\":\"STATIC\",\"hosts\":[\"" + name
				+ ".sites.localhost\"]}";
	}

}
