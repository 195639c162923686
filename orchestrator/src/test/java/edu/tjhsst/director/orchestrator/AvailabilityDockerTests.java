package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.executable;
import static edu.tjhsst.director.orchestrator.DockerCommands.inspect;
import static edu.tjhsst.director.orchestrator.DockerCommands.readTree;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.SETTLE;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.awaitProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;
import edu.tjhsst.director.orchestrator.DockerCommands.Result;

/**
 * Availability and request body limits against the real Docker Swarm and the real appserver Nginx (unique names, a
 * free port, a temporary data root); everything is removed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class AvailabilityDockerTests {

	/** Its site ids are above the range DynamicSiteDockerTests picks from. */
	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("av-", "orchestrator-availability-", 1_900_000,
			"director/runtime-python:3", "director/runtime-plain:3");

	private static final Path DATA = SWARM.data();

	private static final int APPSERVER_PORT = SWARM.appserverPort();

	private static final long BASE_ID = SWARM.baseId();

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
	void aStaticSiteIsDisabledThenNotServedThenEnabledAgain() throws Exception {
		long id = BASE_ID + 1;
		String host = "avail-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "still here\n");
		try {
			assertThat(put(id, staticSpec(id, host, "DISABLED")).status()).isEqualTo(200);
			TestHttp.Response disabled = SWARM.awaitPage(host, response -> response.status() == 503);
			assertThat(disabled.body()).contains("<h1>This site has been disabled</h1>").doesNotContain("still here");

			assertThat(put(id, staticSpec(id, host, "NOT_SERVED")).status()).isEqualTo(200);
			TestHttp.Response notServed = SWARM.awaitPage(host, response -> response.status() == 404);
			assertThat(notServed.body()).contains("<title>No site here</title>").doesNotContain("still here");

			assertThat(put(id, staticSpec(id, host, "ENABLED")).status()).isEqualTo(200);
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("still here");
			assertThat(Files.readString(site.resolve("public/index.html"))).as("files kept throughout")
				.isEqualTo("still here\n");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aDynamicSiteThatIsDisabledRunsNoProcessButKeepsItsServiceUntilEnabledAgain() throws Exception {
		long id = BASE_ID + 2;
		String host = "avail-app-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "process says hi\n");
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				echo "starting"
				cd public && exec python3 -m http.server "$PORT" --bind "$HOST"
				""");
		try {
			assertThat(put(id, dynamicSpec(id, host, "ENABLED")).status()).isEqualTo(200);
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("process says hi");

			TestHttp.Response applied = put(id, dynamicSpec(id, host, "DISABLED"));
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);
			assertThat(inspect("site_" + id).at("/Spec/Mode/Replicated/Replicas").asLong()).isZero();
			assertThat(Await.value("no running task of the disabled site " + id, SETTLE,
					() -> runningTasks("site_" + id), tasks -> tasks == 0)).isZero();
			assertThat(SWARM.awaitPage(host, response -> response.status() == 503).body())
				.contains("This site has been disabled");
			assertThat(http.signed("GET", "/sites/" + id + "/process/logs?tail=20", "").body())
				.as("logs kept while disabled").contains("starting");
			assertThat(awaitProcess(http, id, "shown as stopped once disabled",
					node -> "stopped".equals(node.get("state").asText()))).isNotNull();

			assertThat(put(id, dynamicSpec(id, host, "ENABLED")).status()).isEqualTo(200);
			assertThat(inspect("site_" + id).at("/Spec/Mode/Replicated/Replicas").asLong()).isEqualTo(1);
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("process says hi");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aDynamicSiteCreatedDisabledNeverStartsAndSaysItIsStopped() throws Exception {
		long id = BASE_ID + 4;
		String host = "avail-off-" + id + ".sites.localhost";
		try {
			TestHttp.Response applied = put(id, dynamicSpec(id, host, "DISABLED"));
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);
			assertThat(inspect("site_" + id).at("/Spec/Mode/Replicated/Replicas").asLong()).isZero();
			JsonNode status = readTree(http.signed("GET", "/sites/" + id + "/process", "").body());
			assertThat(status.get("state").asText()).isEqualTo("stopped");
			assertThat(runningTasks("site_" + id)).isZero();
			assertThat(SWARM.awaitPage(host, response -> response.status() == 503).body())
				.contains("This site has been disabled");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aBodyOverTheSitesLimitIsRefusedWith413AndTheDefaultLetsItThrough() throws Exception {
		long id = BASE_ID + 3;
		String host = "avail-body-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.html"), "small bodies only\n");
		// A server that reads the whole body and says how much it got: what matters is whether Nginx let it through.
		// (Python's file server answers a POST with 501 without reading the body, and closing on a body Nginx is still
		// sending made that a 502 now and then.)
		executable(site.resolve("run.sh"), """
				#!/bin/sh
				cd public && exec python3 -c '
				import http.server, os
				class Reader(http.server.SimpleHTTPRequestHandler):
				    def do_POST(self):
				        got = len(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
				        answer = ("read %d" % got).encode()
				        self.send_response(200)
				        self.send_header("Content-Length", str(len(answer)))
				        self.end_headers()
				        self.wfile.write(answer)
				http.server.ThreadingHTTPServer((os.environ["HOST"], int(os.environ["PORT"])), Reader).serve_forever()
				'
				""");
		byte[] body = new byte[2 * 1024 * 1024];
		try {
			assertThat(put(id, dynamicSpec(id, host, "ENABLED", 1L)).status()).isEqualTo(200);
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("small bodies only");
			assertThat(post(host, body)).isEqualTo(413);
			assertThat(post(host, new byte[512 * 1024])).as("a body under the limit").isEqualTo(200);

			assertThat(put(id, dynamicSpec(id, host, "ENABLED", null)).status()).isEqualTo(200);
			assertThat(Await.value("a status other than 413 for a body within the limit", SETTLE,
					() -> post(host, body), status -> status != 413)).isEqualTo(200);
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aStaticSiteTakesNoBodyButRefusesOneOnlyForItsMethod() throws Exception {
		long id = BASE_ID + 5;
		String host = "avail-static-body-" + id + ".sites.localhost";
		Files.createDirectories(DATA.resolve("sites/" + id + "/public"));
		Files.writeString(DATA.resolve("sites/" + id + "/public/index.html"), "files only\n");
		try {
			assertThat(put(id, staticSpec(id, host, "ENABLED")).status()).isEqualTo(200);
			assertThat(SWARM.awaitPage(host, response -> response.status() == 200).body()).contains("files only");
			// Within the default limit every site has: the static files' handler refuses the method, not the size.
			assertThat(post(host, new byte[2 * 1024 * 1024])).isEqualTo(405);
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	private TestHttp.Response put(long id, String spec) {
		return http.signed("PUT", "/sites/" + id, spec);
	}

	private static String staticSpec(long id, String host, String availability) {
		return "{\"id\":" + id + ",\"name\":\"avail-" + id + "\",\"type\":\"STATIC\",\"hosts\":[\"" + host
				+ "\"],\"availability\":\"" + availability + "\"}";
	}

	private static String dynamicSpec(long id, String host, String availability) {
		return dynamicSpec(id, host, availability, null);
	}

	private static String dynamicSpec(long id, String host, String availability, Long maxBodyMiB) {
		return "{\"id\":" + id + ",\"name\":\"avail-app-" + id + "\",\"type\":\"DYNAMIC\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"python\",\"availability\":\"" + availability + "\""
				+ (maxBodyMiB == null ? "" : ",\"limits\":{\"maxBodyMiB\":" + maxBodyMiB + "}") + "}";
	}

	/** The status of a POST with this body to the appserver, over a raw socket so the Host header can be set. */
	private static int post(String host, byte[] body) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", APPSERVER_PORT), 2000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/octet-stream\r\n"
					+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			try {
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// Nginx may answer 413 and stop reading before the whole body is sent; its answer is still there.
			}
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** How many of the service's tasks are running or about to. */
	private static int runningTasks(String service) {
		try {
			Result result = run(DOCKER, "service", "ps", service, "--filter", "desired-state=running", "--format",
					"{{.CurrentState}}");
			return (int) result.output().lines().filter(line -> !line.isBlank()).count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
