package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;

/**
 * The whole orchestrator against the real Docker Swarm: it brings up its own appserver Nginx service (unique
 * names, a free host port, a temporary data root), serves sites through it, and removes it afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class AppserverDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("dt-", "orchestrator-docker-");

	private static final String SERVICE = SWARM.service();

	private static final String NETWORK = SWARM.network();

	private static final int APPSERVER_PORT = SWARM.appserverPort();

	private static final Path DATA = SWARM.data();

	@LocalServerPort
	int port;

	@Autowired
	NginxConfigDirectory configs;

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
	void theNetworkAndServiceAreLabelledAsDirectors() {
		try (DockerClient docker = docker()) {
			Service service = docker.inspectServiceCmd(SERVICE).exec();
			Network network = docker.listNetworksCmd().withNameFilter(NETWORK).exec().get(0);

			assertThat(service.getSpec().getLabels()).containsEntry("director.managed", "true")
				.containsEntry("director.role", "appserver");
			assertThat(network.getLabels()).containsEntry("director.managed", "true");
			assertThat(network.getDriver()).isEqualTo("overlay");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void anUnknownHostGetsTheFriendlyNotFoundPage() {
		TestHttp.Response response = TestHttp.getWithHost(APPSERVER_PORT, "nobody.sites.localhost");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).contains("No site here");
	}

	@Test
	void aNewStaticSiteServesItsDefaultPageAndRepeatingItChangesNothing() {
		String spec = "{\"id\":1,\"name\":\"alpha\",\"type\":\"STATIC\",\"hosts\":[\"alpha.sites.localhost\"]}";

		TestHttp.Response applied = http.signed("PUT", "/sites/1", spec);

		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		assertThat(applied.body()).startsWith("{\"siteId\":1,\"status\":\"applied\",\"changes\":[");
		TestHttp.Response page = awaitPage("alpha.sites.localhost", response -> response.status() == 200);
		assertThat(page.body()).contains("The site alpha is ready").contains("public/index.html");

		long reloads = configs.reloadCount();
		TestHttp.Response again = http.signed("PUT", "/sites/1", spec);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo("{\"siteId\":1,\"status\":\"applied\",\"changes\":[]}");
		assertThat(configs.reloadCount()).as("reloads after repeating a spec").isEqualTo(reloads);
	}

	@Test
	void aFileNginxRefusesNeverReplacesTheLiveOne() throws Exception {
		String good = "server { listen 80; server_name ninety-nine.sites.localhost; return 200 \"ninety-nine\\n\"; }\n";
		configs.apply("site-99.conf", good).get(30, TimeUnit.SECONDS);
		awaitPage("ninety-nine.sites.localhost", response -> response.body().contains("ninety-nine"));

		CompletableFuture<Void> broken = configs.apply("site-99.conf", "server { listen 80; bogus_directive; }");
		assertThatThrownBy(() -> broken.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(NginxRejectedException.class)
			.hasMessageContaining("unknown directive \"bogus_directive\"");

		assertThat(configs.read("site-99.conf")).contains(good);
		assertThat(TestHttp.getWithHost(APPSERVER_PORT, "ninety-nine.sites.localhost").body()).contains("ninety-nine");
	}

	@Test
	void aBurstOfChangesCoalescesIntoFewerReloads() throws Exception {
		long before = configs.reloadCount();
		List<CompletableFuture<Void>> reloads = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			reloads.add(configs.apply("site-98.conf",
					"server { listen 80; server_name burst.sites.localhost; return 200 \"burst " + i + "\\n\"; }\n"));
		}
		CompletableFuture.allOf(reloads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

		assertThat(configs.reloadCount() - before).as("reloads for 5 changes").isBetween(1L, 4L);
		awaitPage("burst.sites.localhost", response -> response.body().contains("burst 5"));
	}

	@Test
	void deletingASiteRemovesItsFilesAndItStopsAnswering() {
		String spec = "{\"id\":2,\"name\":\"bravo\",\"type\":\"STATIC\",\"hosts\":[\"bravo.sites.localhost\"]}";
		assertThat(http.signed("PUT", "/sites/2", spec).status()).isEqualTo(200);
		awaitPage("bravo.sites.localhost", response -> response.status() == 200);
		assertThat(DATA.resolve("appserver-nginx/sites/site-2.map")).as("a static site's lines of the map").exists();

		TestHttp.Response deleted = http.signed("DELETE", "/sites/2", "");

		assertThat(deleted.status()).isEqualTo(200);
		assertThat(DATA.resolve("sites/2")).doesNotExist();
		assertThat(DATA.resolve("appserver-nginx/sites/site-2.map")).doesNotExist();
		TestHttp.Response gone = awaitPage("bravo.sites.localhost", response -> response.body().contains("No site here"));
		assertThat(gone.status()).isEqualTo(404);
		assertThat(http.signed("DELETE", "/sites/2", "").status()).as("deleting again").isEqualTo(200);
	}

	@Test
	void aBatchOfSitesSharesItsReloadsAndASpecWithProblemsIsRefusedAlone() throws Exception {
		StringBuilder batch = new StringBuilder("[");
		for (int site = 200; site < 220; site++) {
			batch.append("{\"id\":").append(site).append(",\"name\":\"batch").append(site)
				.append("\",\"type\":\"STATIC\",\"hosts\":[\"batch-").append(site).append(".sites.localhost\"]},");
		}
		batch.append("{\"id\":220,\"name\":\"bad\",\"type\":\"STATIC\",\"hosts\":[\"bad_host.sites.localhost\"]},");
		batch.append("{\"id\":221,\"name\":\"php\",\"type\":\"PHP\",\"runtime\":\"python\",")
			.append("\"hosts\":[\"php-221.sites.localhost\"]}]");
		long reloads = configs.reloadCount();

		TestHttp.Response applied = http.signed("PUT", "/sites", batch.toString());

		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		JsonNode outcomes = new ObjectMapper().readTree(applied.body());
		assertThat(outcomes).hasSize(22);
		for (int i = 0; i < 20; i++) {
			assertThat(outcomes.get(i).get("siteId").asLong()).isEqualTo(200 + i);
			assertThat(outcomes.get(i).get("problem").isNull()).as(outcomes.get(i).toString()).isTrue();
			assertThat(outcomes.get(i).get("changes").toString()).contains("folder was missing");
		}
		assertThat(configs.reloadCount() - reloads).as("reloads for a batch of 20 new sites").isLessThanOrEqualTo(3);
		assertThat(awaitPage("batch-219.sites.localhost", response -> response.status() == 200).body())
			.contains("The site batch219 is ready");
		assertThat(outcomes.get(20).get("problem").asText()).contains("bad_host");
		assertThat(outcomes.get(21).get("problem").asText()).contains("a PHP site runs in the php runtime");
		assertThat(DATA.resolve("sites/220")).doesNotExist();
		assertThat(DATA.resolve("sites/221")).doesNotExist();

		TestHttp.Response again = http.signed("PUT", "/sites", batch.toString());
		assertThat(again.status()).isEqualTo(200);
		assertThat(new ObjectMapper().readTree(again.body()).get(0).get("changes")).as("repeated").isEmpty();
	}

	/**
	 * The page for a host once it matches. Nginx applies a reload a moment after its signal, so the first
	 * request may still meet an old worker.
	 */
	private static TestHttp.Response awaitPage(String host, Predicate<TestHttp.Response> expected) {
		return Await.value("the appserver's page for " + host, Duration.ofSeconds(5),
				() -> TestHttp.getWithHost(APPSERVER_PORT, host), expected);
	}

}
