package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerCommands.inspect;
import static edu.tjhsst.director.orchestrator.DockerCommands.output;
import static edu.tjhsst.director.orchestrator.DockerCommands.readTree;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static edu.tjhsst.director.orchestrator.DockerCommands.serviceExists;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.SETTLE;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.awaitLog;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.awaitProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;
import edu.tjhsst.director.orchestrator.docker.ContainerDefinition;
import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.ServiceDefinition;
import edu.tjhsst.director.orchestrator.docker.ServiceInfo;

/**
 * Dynamic sites against the real Docker Swarm: each runs its {@code run.sh} in a hardened service behind its own
 * appserver Nginx (unique names, a free port, a temporary data root), and everything is removed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class DynamicSiteDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("dt-", "orchestrator-dynamic-", 900_000,
			"director/runtime-python:3", "director/runtime-plain:3");

	private static final Path DATA = SWARM.data();

	private static final int APPSERVER_PORT = SWARM.appserverPort();

	private static final long BASE_ID = SWARM.baseId();

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	DockerServices services;

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
	void aPythonSiteAnswersThroughTheAppserverFromAHardenedServiceAndRestarts() throws Exception {
		long id = BASE_ID + 1;
		String host = "py-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "python says hi\n");
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				echo "greeting=$GREETING uid=$(id -u) cwd=$(pwd)"
				echo "status $(grep -E '^(Uid|Gid):' /proc/self/status | tr -s '\t' ' ' | tr '\n' ' ')"
				echo "whoami=$(whoami) home=$HOME passwd=$(getent passwd "$(id -u)")"
				touch /usr/probe 2>/dev/null && echo "root=writable" || echo "root=read-only"
				touch /tmp/probe && echo "tmp=writable"
				[ -e /var/run/docker.sock ] && echo "docker=present" || echo "docker=absent"
				grep CapEff /proc/self/status
				cd public && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		String spec = "{\"id\":" + id + ",\"name\":\"python-app\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\",\"env\":{\"GREETING\":\"hello\"},"
				+ "\"limits\":{\"cpuMillis\":250,\"memoryMiB\":128,\"pids\":64}}";
		try {
			TestHttp.Response applied = http.signed("PUT", "/sites/" + id, spec);
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);

			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("python says hi");
			JsonNode status = JSON.readTree(http.signed("GET", "/sites/" + id + "/process", "").body());
			assertThat(status.get("state").asText()).isEqualTo("running");
			int uid = SiteUsers.uid(id);
			assertThat(awaitLog(http, id, 200, "CapEff"))
				.contains("greeting=hello uid=" + uid + " cwd=/site")
				.contains("status Uid: " + uid + " " + uid + " " + uid + " " + uid + " Gid: " + uid + " " + uid + " "
						+ uid + " " + uid + " ")
				.contains("whoami=site home=/site/.home passwd=site:x:" + uid + ":" + uid + ":site:/site/.home:/bin/bash")
				.contains("root=read-only").contains("tmp=writable")
				.contains("docker=absent").containsPattern("CapEff:\\s+0000000000000000");

			JsonNode service = inspect("site_" + id);
			JsonNode container = service.at("/Spec/TaskTemplate/ContainerSpec");
			assertThat(container.get("ReadOnly").asBoolean()).as("read-only root").isTrue();
			assertThat(container.get("User").asText()).isEqualTo(uid + ":" + uid);
			assertThat(container.get("CapabilityDrop").toString()).isEqualTo("[\"ALL\"]");
			assertThat(container.get("Mounts").toString()).contains("\"Target\":\"/site\"")
				.contains("\"Target\":\"/tmp\"").contains("\"Target\":\"/run\"").doesNotContain("docker.sock");
			JsonNode limits = service.at("/Spec/TaskTemplate/Resources/Limits");
			assertThat(limits.get("NanoCPUs").asLong()).isEqualTo(250_000_000L);
			assertThat(limits.get("MemoryBytes").asLong()).isEqualTo(128L * 1024 * 1024);
			assertThat(limits.get("Pids").asLong()).isEqualTo(64);
			assertThat(service.at("/Spec/EndpointSpec/Mode").asText()).isEqualTo("dnsrr");
			assertThat(service.at("/Spec/Labels/director.managed").asText()).isEqualTo("true");
			assertThat(service.at("/Spec/Labels/director.site").asText()).isEqualTo(Long.toString(id));

			assertThat(http.signed("PUT", "/sites/" + id, spec).status()).as("repeating the spec").isEqualTo(200);
			assertThat(inspect("site_" + id).at("/Version/Index").asLong()).as("service version after repeating")
				.isEqualTo(service.at("/Version/Index").asLong());

			// Following the log gives the last lines, then a line written later (a request the server logs).
			try (BufferedReader follow = new BufferedReader(new InputStreamReader(
					http.signedStream("/sites/" + id + "/process/logs?tail=200&follow=true"), StandardCharsets.UTF_8))) {
				assertThat(readUntil(follow, line -> line.contains("CapEff"))).contains("greeting=hello uid=" + uid);
				assertThat(TestHttp.getWithHost(APPSERVER_PORT, host).status()).isEqualTo(200);
				assertThat(readUntil(follow, line -> line.contains("\"GET / HTTP/1.")))
					.as("a line written after following began").isNotEmpty();
			}

			String since = status.get("since").asText();
			TestHttp.Response restarted = http.signed("POST", "/sites/" + id + "/process/restart", "");
			assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
			JsonNode after = awaitProcess(http, id, "running again since its restart",
					node -> "running".equals(node.get("state").asText()) && !since.equals(node.get("since").asText()));
			assertThat(Instant.parse(after.get("since").asText())).isAfter(Instant.parse(since));
			assertThat(inspect("site_" + id).at("/Spec/TaskTemplate/ContainerSpec/CapabilityDrop").toString())
				.as("hardening kept by a restart").isEqualTo("[\"ALL\"]");
			assertThat(inspect("site_" + id).at("/Spec/TaskTemplate/Resources/Limits/Pids").asLong())
				.as("pids limit kept by a restart").isEqualTo(64);
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("python says hi");

			String staticSpec = "{\"id\":" + id + ",\"name\":\"python-app\",\"type\":\"STATIC\",\"hosts\":[\"" + host
					+ "\"]}";
			assertThat(http.signed("PUT", "/sites/" + id, staticSpec).status()).isEqualTo(200);
			assertThat(serviceExists("site_" + id)).as("service after the site became static").isFalse();
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("python says hi");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	/** The lines read up to and including the first that matches; fails after 30 s or at the stream's end. */
	private static String readUntil(BufferedReader reader, Predicate<String> wanted) throws Exception {
		StringBuilder read = new StringBuilder();
		CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
			try {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					read.append(line).append('\n');
					if (wanted.test(line)) {
						return read.toString();
					}
				}
				throw new AssertionError("the stream ended without the line; it held:\n" + read);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		return found.get(30, TimeUnit.SECONDS);
	}

	@Test
	void aSiteWithoutRunShCrashesWithTheLaunchersMessageAndAFriendlyPage() throws Exception {
		long id = BASE_ID + 2;
		String host = "plain-" + id + ".sites.localhost";
		String spec = "{\"id\":" + id + ",\"name\":\"no-run\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"plain\"}";
		try {
			assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);

			JsonNode status = awaitProcess(http, id, "shown as crashed",
					node -> "crashed".equals(node.get("state").asText()));
			assertThat(status.get("exitCode").asLong()).isEqualTo(1);
			assertThat(http.signed("GET", "/sites/" + id + "/process/logs?tail=20", "").body())
				.contains("director: this site has no run.sh");
			TestHttp.Response page = SWARM.awaitPage(host, response -> response.status() == 502);
			assertThat(page.body()).contains("This site's process is not running")
				.contains("its owner can restart it from the portal");

			TestHttp.Response deleted = http.signed("DELETE", "/sites/" + id, "");
			assertThat(deleted.status()).isEqualTo(200);
			assertThat(serviceExists("site_" + id)).as("service after deleting the site").isFalse();
			assertThat(http.signed("GET", "/sites/" + id + "/process", "").body()).contains("\"state\":\"stopped\"");
			assertThat(http.signed("POST", "/sites/" + id + "/process/restart", "").status()).isEqualTo(404);
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aBatchFindsTheServiceAndTerminalASiteMustLoseAsOneSitesCallDoes() throws Exception {
		long dynamic = BASE_ID + 10;
		long fresh = BASE_ID + 11;
		String host = "batch-" + dynamic + ".sites.localhost";
		Files.createDirectories(DATA.resolve("sites/" + dynamic + "/public"));
		executable(DATA.resolve("sites/" + dynamic + "/run.sh"), "#!/bin/sh\nexec sleep 3600\n");
		// A terminal container left for a site whose folder is not there (yet): a new site must not inherit it.
		String leftover = "site_" + fresh + "_terminal";
		output(DOCKER, "run", "-d", "--name", leftover, "director/runtime-plain:3", "sleep", "3600");
		try {
			assertThat(http.signed("PUT", "/sites/" + dynamic, "{\"id\":" + dynamic + ",\"name\":\"batch-dyn\","
					+ "\"type\":\"DYNAMIC\",\"hosts\":[\"" + host + "\"],\"runtime\":\"plain\"}").status())
				.isEqualTo(200);
			assertThat(serviceExists("site_" + dynamic)).isTrue();

			// The batch lists services and containers once, where one site's call asks Docker about each by name.
			TestHttp.Response applied = http.signed("PUT", "/sites", "[{\"id\":" + dynamic + ",\"name\":\"batch-dyn\","
					+ "\"type\":\"STATIC\",\"hosts\":[\"" + host + "\"]},{\"id\":" + fresh + ",\"name\":\"batch-new\","
					+ "\"type\":\"STATIC\",\"hosts\":[\"new-" + fresh + ".sites.localhost\"]}]");

			assertThat(applied.status()).as(applied.body()).isEqualTo(200);
			JsonNode outcomes = JSON.readTree(applied.body());
			assertThat(outcomes.get(0).get("changes").toString()).contains("it was removed");
			assertThat(outcomes.get(1).get("problem").isNull()).as(outcomes.get(1).toString()).isTrue();
			assertThat(serviceExists("site_" + dynamic)).as("the static site's service").isFalse();
			assertThat(run(DOCKER, "container", "inspect", leftover).exitCode()).as("the leftover terminal")
				.isNotZero();
		}
		finally {
			run(DOCKER, "rm", "-f", leftover);
			http.signed("DELETE", "/sites/" + dynamic, "");
			http.signed("DELETE", "/sites/" + fresh, "");
		}
	}

	@Test
	void aSiteRunsItsOwnImageWithItsPackagesAndDeletingTheSiteRemovesTheImage() throws Exception {
		long id = BASE_ID + 9;
		String host = "jq-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "own image\n");
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				echo "jq says $(echo '{"n":7}' | jq .n) as $(id -u)"
				cd public && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		try {
			TestHttp.Response built = http.signed("POST", "/sites/" + id + "/image",
					"{\"base\":\"director/runtime-python:3\",\"packages\":[\"jq\"]}");
			assertThat(built.status()).as(built.body()).isEqualTo(200);
			String image = JSON.readTree(built.body()).get("image").asText();
			// A runtime an administrator added has no standard image here: the spec's own image is what runs.
			String spec = "{\"id\":" + id + ",\"name\":\"jq-app\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
					+ "\"],\"runtime\":\"tools\",\"image\":\"" + image + "\"}";

			TestHttp.Response applied = http.signed("PUT", "/sites/" + id, spec);

			assertThat(applied.status()).as(applied.body()).isEqualTo(200);
			assertThat(awaitLog(http, id, 20, "jq says")).contains("jq says 7 as " + SiteUsers.uid(id));
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("own image");
			assertThat(inspect("site_" + id).at("/Spec/TaskTemplate/ContainerSpec/Image").asText()).startsWith(image);
			assertThat(inspect("site_" + id).at("/Spec/Labels/director.runtime").asText()).isEqualTo("tools");

			assertThat(http.signed("DELETE", "/sites/" + id, "").status()).isEqualTo(200);
			assertThat(run(DOCKER, "image", "inspect", image).exitCode()).as("the site's image after deleting it")
				.isNotZero();
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aSitesProcessRunsAsNonRootCannotWriteOutsideSiteAndTmpNorReadAnotherSitesFiles() throws Exception {
		long owner = BASE_ID + 4;
		long prober = BASE_ID + 5;
		// The secret is written in two halves in the prober's script, so only the other site's file holds it whole.
		String first = "isolation-" + UUID.randomUUID().toString().substring(0, 8);
		String second = UUID.randomUUID().toString().substring(0, 8);
		try {
			assertThat(http.signed("PUT", "/sites/" + owner, "{\"id\":" + owner + ",\"name\":\"owner\",\"type\":"
					+ "\"STATIC\",\"hosts\":[\"owner-" + owner + ".sites.localhost\"]}").status()).isEqualTo(200);
			Files.writeString(DATA.resolve("sites/" + owner + "/private/secret.txt"), first + second + "\n");

			// A control: the same needle in the prober's own files is found, so the search does work.
			Path site = DATA.resolve("sites/" + prober);
			Files.createDirectories(site.resolve("private"));
			Files.writeString(site.resolve("private/control.txt"), first + second + "\n");
			executable(site.resolve("run.sh"), """
					#!/bin/bash
					echo "uid=$(id -u) gid=$(id -g)"
					for dir in / /etc /usr /var /home /opt /root /srv /site/..; do
					  (touch "$dir/probe" 2>/dev/null || mkdir "$dir/probe" 2>/dev/null) && echo "wrote $dir" || echo "refused $dir"
					done
					touch /site/probe && echo "wrote /site"
					touch /tmp/probe && echo "wrote /tmp"
					[ -e /var/run/docker.sock ] || [ -e /run/docker.sock ] && echo "docker=present" || echo "docker=absent"
					[ -e /sites ] && echo "sites=visible" || echo "sites=hidden"
					needle="%s""%s"
					echo "found=$(grep -rlsF --exclude-dir=proc --exclude-dir=sys "$needle" / 2>/dev/null | wc -l)"
					echo "probing done"
					exec sleep 3600
					""".formatted(first, second));
			assertThat(http.signed("PUT", "/sites/" + prober, "{\"id\":" + prober + ",\"name\":\"prober\",\"type\":"
					+ "\"DYNAMIC\",\"hosts\":[\"prober-" + prober + ".sites.localhost\"],\"runtime\":\"plain\"}")
				.status()).isEqualTo(200);

			String probed = awaitLog(http, prober, 200, "probing done");
			assertThat(probed).contains("uid=" + SiteUsers.uid(prober) + " gid=" + SiteUsers.uid(prober))
				.contains("wrote /site").contains("wrote /tmp")
				.contains("docker=absent").contains("sites=hidden");
			assertThat(probed).as("files holding the other site's secret: only the prober's own copy").contains("found=1\n");
			for (String dir : new String[] { "/", "/etc", "/usr", "/var", "/home", "/opt", "/root", "/srv",
					"/site/.." }) {
				assertThat(probed).as("writing in " + dir).contains("refused " + dir + "\n")
					.doesNotContain("wrote " + dir + "\n");
			}
		}
		finally {
			http.signed("DELETE", "/sites/" + prober, "");
			http.signed("DELETE", "/sites/" + owner, "");
		}
	}

	@Test
	void aForkBombIsHeldAtItsProcessLimitWhileAnotherSiteKeepsAnswering() throws Exception {
		long calm = BASE_ID + 6;
		long bomb = BASE_ID + 7;
		String calmHost = "calm-" + calm + ".sites.localhost";
		try {
			Path calmSite = DATA.resolve("sites/" + calm);
			Files.createDirectories(calmSite.resolve("public"));
			Files.writeString(calmSite.resolve("public/index.html"), "still calm\n");
			executable(calmSite.resolve("run.sh"), "#!/bin/sh\ncd public && exec python3 -m http.server \"$PORT\"\n");
			assertThat(http.signed("PUT", "/sites/" + calm, "{\"id\":" + calm + ",\"name\":\"calm\",\"type\":"
					+ "\"DYNAMIC\",\"hosts\":[\"" + calmHost + "\"],\"runtime\":\"python\"}").status()).isEqualTo(200);
			assertThat(SWARM.awaitPage(calmHost, response -> response.status() == 200).body()).contains("still calm");

			Path bombSite = DATA.resolve("sites/" + bomb);
			Files.createDirectories(bombSite);
			executable(bombSite.resolve("run.sh"), """
					#!/bin/bash
					echo "bombing"
					bomb() { bomb | bomb & }
					bomb
					exec sleep 3600
					""");
			assertThat(http.signed("PUT", "/sites/" + bomb, "{\"id\":" + bomb + ",\"name\":\"bomb\",\"type\":"
					+ "\"DYNAMIC\",\"hosts\":[\"bomb-" + bomb + ".sites.localhost\"],\"runtime\":\"plain\","
					+ "\"limits\":{\"pids\":32}}").status()).isEqualTo(200);

			// The bomb fills its container's process table up to the limit, and no further.
			String container = Await.value("the bombing site " + bomb + "'s container", SETTLE,
					() -> output(DOCKER, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=site_" + bomb),
					id -> !id.isBlank()).trim();
			long pids = Await.value("the fork bomb to fill its container's process table", SETTLE,
					() -> Long.parseLong(output(DOCKER, "stats", "--no-stream", "--format", "{{.PIDs}}", container)
						.trim()), count -> count >= 28);
			assertThat(pids).as("processes in the bombing container").isLessThanOrEqualTo(32);
			assertThat(inspect("site_" + bomb).at("/Spec/TaskTemplate/Resources/Limits/Pids").asLong()).isEqualTo(32);

			// Meanwhile the other site answers every request, each in well under two seconds. A request every 200 ms
			// for 5 s: a sample over a stretch of the bomb, not a wait for something to happen, so no Await here.
			Instant until = Instant.now().plusSeconds(5);
			long slowest = 0;
			int answered = 0;
			while (Instant.now().isBefore(until)) {
				Instant asked = Instant.now();
				TestHttp.Response response = TestHttp.getWithHost(APPSERVER_PORT, calmHost);
				assertThat(response.status()).as("the calm site during the bomb").isEqualTo(200);
				slowest = Math.max(slowest, Duration.between(asked, Instant.now()).toMillis());
				answered++;
				Thread.sleep(200);
			}
			System.out.printf("during a fork bomb held at %d processes, another site answered %d requests, the"
					+ " slowest in %d ms%n", pids, answered, slowest);
			assertThat(slowest).isLessThan(2000);
			assertThat(Long.parseLong(output(DOCKER, "stats", "--no-stream", "--format", "{{.PIDs}}", container)
				.trim())).as("processes still at most the limit").isLessThanOrEqualTo(32);
		}
		finally {
			http.signed("DELETE", "/sites/" + bomb, "");
			http.signed("DELETE", "/sites/" + calm, "");
		}
	}

	@Test
	void aRunShThatIsNotExecutableOrExitsAtOnceShowsAsCrashedWithItsMessageAndExitCode() throws Exception {
		long id = BASE_ID + 8;
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site);
		Files.writeString(site.resolve("run.sh"), "#!/bin/sh\necho 'giving up'\nexit 3\n");
		String spec = "{\"id\":" + id + ",\"name\":\"quitter\",\"type\":\"DYNAMIC\",\"hosts\":[\"quitter-" + id
				+ ".sites.localhost\"],\"runtime\":\"plain\"}";
		try {
			assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);
			awaitProcess(http, id, "shown as crashed (run.sh not executable)",
					node -> "crashed".equals(node.get("state").asText()));
			assertThat(http.signed("GET", "/sites/" + id + "/process/logs?tail=20", "").body())
				.contains("director: /site/run.sh exists but is not executable; make it executable (chmod +x)");

			Files.setPosixFilePermissions(site.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
			assertThat(http.signed("POST", "/sites/" + id + "/process/restart", "").status()).isEqualTo(200);
			JsonNode crashed = awaitProcess(http, id, "shown as crashed with exit code 3",
					node -> "crashed".equals(node.get("state").asText()) && node.path("exitCode").asLong() == 3);
			assertThat(crashed.get("exitCode").asLong()).isEqualTo(3);
			assertThat(http.signed("GET", "/sites/" + id + "/process/logs?tail=20", "").body()).contains("giving up");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void anUpdateSentAfterSwarmMovedTheServicesVersionIsMadeAgainFromTheServiceAsItIsNow() throws Exception {
		long id = BASE_ID + 12;
		String name = SWARM.siteService(id);
		ContainerDefinition container = ContainerDefinition.of("director/runtime-plain:3", Map.of(), List.of())
			.running(List.of("sleep", "3600"), null, null, null);
		services.create(ServiceDefinition.of(name, DirectorLabels.of("site", id), 0, container, SWARM.network()));
		try {
			ServiceInfo read = services.inspect(name).orElseThrow();
			// Swarm moves the version by itself when a rollout ends (CI saw "update out of sequence" then); a label
			// added from outside moves it the same way, at once, between the read and the update.
			output(DOCKER, "service", "update", "--detach", "--label-add", "moved=1", name);
			long forced = inspect(name).at("/Spec/TaskTemplate/ForceUpdate").asLong();
			Map<String, String> labels = new java.util.HashMap<>(DirectorLabels.of("site", id));
			labels.put("wanted", "yes");

			services.update(read, ServiceDefinition.of(name, labels, 0, container, SWARM.network()), true);
			JsonNode now = inspect(name);
			assertThat(now.at("/Spec/Labels/wanted").asText()).as("the spec sent").isEqualTo("yes");
			assertThat(now.at("/Spec/TaskTemplate/ForceUpdate").asLong()).as("restarted, counted from the service as it "
					+ "is now").isEqualTo(forced + 1);
			assertThat(now.at("/Version/Index").asLong()).isGreaterThan(read.version() + 1);
		}
		finally {
			services.inspect(name).ifPresent(services::remove);
		}
	}

	@Test
	void anUnknownRuntimeIsRefusedBeforeAnythingChanges() {
		long id = BASE_ID + 3;
		TestHttp.Response response = http.signed("PUT", "/sites/" + id, "{\"id\":" + id
				+ ",\"name\":\"ruby-app\",\"type\":\"DYNAMIC\",\"hosts\":[\"ruby.sites.localhost\"],\"runtime\":\"ruby\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("unknown runtime ruby; expected one of plain, python, node, php");
		assertThat(DATA.resolve("sites/" + id)).doesNotExist();
		assertThat(serviceExists("site_" + id)).isFalse();
	}

}
