package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static edu.tjhsst.director.orchestrator.DockerCommands.serviceExists;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.site.Convergence;
import edu.tjhsst.director.common.site.SiteIds;
import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;

/**
 * What the manager's reconciler relies on: stating a site's spec again puts back whatever was removed or changed by
 * hand (its service, its web server file, its public folder) and says what it put right, and says nothing when
 * nothing differed; what is served of a site the manager no longer has is taken away and its files set aside. Its
 * sites' services carry a platform prefix, as a second platform's on the engine do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class DriftDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("dr-", "orchestrator-drift-", 4_900_000,
			"director/runtime-python:3").withPlatform("drift");

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SWARM.register(registry);
		registry.add("director.appserver.watch-period", () -> "2s");
	}

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@Test
	void aSiteWhoseServiceFileAndFolderWereRemovedByHandIsPutBackByItsSpecWhichSaysWhatItRepaired() throws Exception {
		long id = SWARM.baseId() + 1;
		String host = "drift-" + id + ".sites.localhost";
		Path site = SWARM.data().resolve("sites/" + id);
		Files.createDirectories(site);
		// The process serves from its scratch space, so that it does not depend on the folder removed below.
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				mkdir -p /tmp/www && echo "drift app" > /tmp/www/index.html
				cd /tmp/www && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		String spec = "{\"id\":" + id + ",\"name\":\"drift-app\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\"}";
		TestHttp.Response first = http.signed("PUT", "/sites/" + id, spec);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		SWARM.awaitPage(host, response -> response.body().contains("drift app"));
		assertThat(changes(http.signed("PUT", "/sites/" + id, spec))).as("a spec stated again").isEmpty();
		assertThat(serviceExists("site_" + id)).as("a service under the name without a prefix").isFalse();

		assertThat(run(DOCKER, "service", "rm", SWARM.siteService(id)).exitCode()).isZero();
		Files.delete(SWARM.data().resolve("appserver-nginx/sites/site-" + id + ".conf"));
		FileSystemUtils.deleteRecursively(site.resolve("public"));

		TestHttp.Response repaired = http.signed("PUT", "/sites/" + id, spec);

		assertThat(repaired.status()).as(repaired.body()).isEqualTo(200);
		assertThat(changes(repaired)).containsExactly(
				"The site's web server configuration on the app server was missing; it was written again.",
				"The site's public folder was missing; it was made again with a default page.",
				"The site's service was missing; it was created again.");
		assertThat(serviceExists(SWARM.siteService(id))).isTrue();
		assertThat(site.resolve("public/index.html")).exists();
		assertThat(SWARM.awaitPage(host, response -> response.body().contains("drift app")).status()).isEqualTo(200);
		assertThat(changes(http.signed("PUT", "/sites/" + id, spec))).as("once repaired").isEmpty();

		// A file changed by hand is put back too.
		Path file = SWARM.data().resolve("appserver-nginx/sites/site-" + id + ".conf");
		String rendered = Files.readString(file);
		Files.writeString(file, "# edited by hand\n" + rendered);
		assertThat(changes(http.signed("PUT", "/sites/" + id, spec))).containsExactly(
				"The site's web server configuration on the app server differed from the site's settings; it was"
						+ " written again.");
		assertThat(Files.readString(file)).isEqualTo(rendered);
	}

	@Test
	void anAppserverServiceRemovedByHandIsMadeAgainAndServesTheSitesWithinThirtySeconds() throws Exception {
		long id = SWARM.baseId() + 4;
		String host = "watched-" + id + ".sites.localhost";
		String spec = "{\"id\":" + id + ",\"name\":\"watched\",\"type\":\"STATIC\",\"hosts\":[\"" + host + "\"]}";
		assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);
		SWARM.awaitPage(host, response -> response.status() == 200);

		String before = serviceId(SWARM.service());
		Instant removed = Instant.now();
		assertThat(run(DOCKER, "service", "rm", SWARM.service()).exitCode()).isZero();
		Await.until("the appserver made again and serving the site", Duration.ofSeconds(30),
				() -> !serviceId(SWARM.service()).equals(before) && !serviceId(SWARM.service()).isEmpty()
						// The removed service's container, while it stops, still holds the port.
						&& run(DOCKER, "ps", "-q", "--filter", "label=com.docker.swarm.service.id=" + before).output()
							.isBlank()
						&& served(host));
		System.out.printf("an appserver service removed by hand served again after %d ms%n",
				Duration.between(removed, Instant.now()).toMillis());
	}

	@Test
	void whatIsServedOfASiteTheManagerNoLongerHasIsRetiredButItsFilesStay() throws Exception {
		long id = SWARM.baseId() + 2;
		String host = "left-" + id + ".sites.localhost";
		Path site = SWARM.data().resolve("sites/" + id);
		Files.createDirectories(site);
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				cd /tmp && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		String spec = "{\"id\":" + id + ",\"name\":\"left\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\"}";
		assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);
		assertThat(listed()).contains(id);
		// Another platform's site on the engine, named without this platform's prefix, is not this one's to list.
		long other = SWARM.baseId() + 3;
		assertThat(run(DOCKER, "service", "create", "--quiet", "--detach", "--name", "site_" + other, "--label",
				"director.managed=true", "--label", "director.role=site", "--label", "director.site=" + other,
				"director/runtime-python:3", "sleep", "infinity").exitCode()).isZero();
		try {
			assertThat(listed()).doesNotContain(other);
		}
		finally {
			run(DOCKER, "service", "rm", "site_" + other);
		}

		TestHttp.Response retired = http.signed("DELETE", "/sites/" + id + "/serving", "");

		List<String> changes = changes(retired);
		assertThat(changes).hasSize(3);
		assertThat(changes.subList(0, 2)).containsExactly(
				"The web server configuration of site " + id + ", which no longer exists, was removed.",
				"The service of site " + id + ", which no longer exists, was removed.");
		assertThat(changes.get(2)).matches("The files of site " + id + " were set aside as sites/\\.retired-" + id
				+ "-[0-9]+; an administrator may restore or remove them\\.");
		assertThat(serviceExists(SWARM.siteService(id))).isFalse();
		assertThat(SWARM.data().resolve("appserver-nginx/sites/site-" + id + ".conf")).doesNotExist();
		// The files are kept, where no site with the same id would be given them.
		Path aside = SWARM.data().resolve(changes.get(2).replaceAll(".* as (sites/[^;]+);.*", "$1"));
		assertThat(aside.resolve("run.sh")).as("the site's files").exists();
		assertThat(aside.resolve("public/index.html")).exists();
		assertThat(site).doesNotExist();
		assertThat(listed()).doesNotContain(id);
		assertThat(changes(http.signed("DELETE", "/sites/" + id + "/serving", ""))).as("retired again").isEmpty();
	}

	private List<Long> listed() throws Exception {
		TestHttp.Response response = http.signed("GET", "/sites", "");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return JSON.readValue(response.body(), SiteIds.class).ids();
	}

	private static List<String> changes(TestHttp.Response response) throws Exception {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return JSON.readValue(response.body(), Convergence.class).changes();
	}

	/** Whether the appserver serves the host now; a new container may close connections before its Nginx runs. */
	private static boolean served(String host) {
		try {
			return TestHttp.getWithHost(SWARM.appserverPort(), host).status() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** The service's id, or nothing when there is none. */
	private static String serviceId(String service) throws Exception {
		DockerCommands.Result inspect = run(DOCKER, "service", "inspect", "--format", "{{.ID}}", service);
		return inspect.exitCode() == 0 ? inspect.output().strip() : "";
	}

}
