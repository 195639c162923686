package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.inspect;
import static edu.tjhsst.director.orchestrator.DockerCommands.readTree;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static edu.tjhsst.director.orchestrator.DockerCommands.serviceExists;
import static edu.tjhsst.director.orchestrator.DockerSwarmFixture.awaitLog;
import static org.assertj.core.api.Assertions.assertThat;

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

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.testing.DockerTest;
import edu.tjhsst.director.orchestrator.DockerCommands.Result;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;

/**
 * PHP sites against the real Docker Swarm: Nginx serves their files and passes {@code .php} to the site's own
 * php-fpm service (own appserver, unique names, a free port, a temporary data root); everything is removed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class PhpSiteDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("pt-", "orchestrator-php-", 2_900_000,
			"director/runtime-php:4");

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
	void aPhpSiteRunsItsScriptsInItsOwnPhpFpmAndNginxServesEverythingElse() throws Exception {
		long id = BASE_ID + 1;
		String host = "php-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public/sub"));
		Files.createDirectories(site.resolve("private"));
		Files.writeString(site.resolve("public/index.php"), "<?php echo 6*7, \" \", getenv(\"GREETING\"), \"\\n\";\n");
		Files.writeString(site.resolve("public/style.css"), "body { color: teal; } /* <?php echo 1+1; ?> */\n");
		Files.writeString(site.resolve("public/who.php"), """
				<?php
				echo "uid=", posix_getuid(), " user=", posix_getpwuid(posix_getuid())["name"],
					" site=", getenv("DIRECTOR_SITE_NAME"), " port=", getenv("PORT"),
					" root=", $_SERVER["DOCUMENT_ROOT"], " script=", $_SERVER["SCRIPT_FILENAME"],
					" path=", $_SERVER["PATH_INFO"] ?? "", "\\n";
				echo @file_put_contents("/usr/probe", "x") === false ? "usr=read-only" : "usr=writable", "\\n";
				echo file_put_contents("/tmp/probe", "x") === 1 ? "tmp=writable" : "tmp=read-only", "\\n";
				error_log("who.php was asked");
				""");
		Files.writeString(site.resolve("public/sub/.hidden.php"), "<?php echo 'hidden ran';\n");
		Files.writeString(site.resolve("private/secret.php"), "<?php echo 'secret ran';\n");
		String spec = "{\"id\":" + id + ",\"name\":\"php-app\",\"type\":\"PHP\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"php\",\"env\":{\"GREETING\":\"hello from env\"},"
				+ "\"limits\":{\"cpuMillis\":250,\"memoryMiB\":128,\"pids\":64}}";
		try {
			TestHttp.Response applied = http.signed("PUT", "/sites/" + id, spec);
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);

			assertThat(SWARM.awaitPage(host, "/", response -> response.status() == 200).body())
				.isEqualTo("42 hello from env\n");
			TestHttp.Response who = TestHttp.getWithHost(APPSERVER_PORT, host, "/who.php/extra/path");
			assertThat(who.status()).isEqualTo(200);
			assertThat(who.body())
				.contains("uid=" + SiteUsers.uid(id) + " user=site site=php-app port=8080 root=/site/public")
				.contains("script=/site/public/who.php path=/extra/path").contains("usr=read-only")
				.contains("tmp=writable");
			TestHttp.Response css = TestHttp.getWithHost(APPSERVER_PORT, host, "/style.css");
			assertThat(css.status()).isEqualTo(200);
			assertThat(css.body()).as("served as a file, not run").contains("<?php echo 1+1; ?>");
			assertThat(TestHttp.getWithHost(APPSERVER_PORT, host, "/nope.php").status()).isEqualTo(404);
			assertThat(TestHttp.getWithHost(APPSERVER_PORT, host, "/nope.php/x").status()).isEqualTo(404);
			assertThat(TestHttp.getWithHost(APPSERVER_PORT, host, "/../private/secret.php").body())
				.doesNotContain("secret ran");
			assertThat(TestHttp.getWithHost(APPSERVER_PORT, host, "/private/secret.php").status()).isEqualTo(404);
			TestHttp.Response hidden = TestHttp.getWithHost(APPSERVER_PORT, host, "/sub/.hidden.php");
			assertThat(hidden.status()).isEqualTo(403);
			assertThat(hidden.body()).doesNotContain("hidden ran");
			assertThat(awaitLog(http, id, 200, "who.php was asked")).contains("ready to handle connections");

			JsonNode service = inspect("site_" + id);
			JsonNode container = service.at("/Spec/TaskTemplate/ContainerSpec");
			assertThat(container.get("Image").asText()).isEqualTo("director/runtime-php:4");
			assertThat(container.get("Command").toString()).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
				.valueToTree(SubvolumeGuard.init(java.util.List.of("/usr/local/bin/director-php-fpm"))).toString());
			assertThat(container.get("ReadOnly").asBoolean()).as("read-only root").isTrue();
			assertThat(container.get("User").asText()).isEqualTo(SiteUsers.uid(id) + ":" + SiteUsers.uid(id));
			assertThat(container.get("CapabilityDrop").toString()).isEqualTo("[\"ALL\"]");
			assertThat(service.at("/Spec/TaskTemplate/Resources/Limits/Pids").asLong()).isEqualTo(64);
			assertThat(readTree(http.signed("GET", "/sites/" + id + "/process", "").body()).get("state").asText())
				.isEqualTo("running");

			String staticSpec = "{\"id\":" + id + ",\"name\":\"php-app\",\"type\":\"STATIC\",\"hosts\":[\"" + host
					+ "\"]}";
			assertThat(http.signed("PUT", "/sites/" + id, staticSpec).status()).isEqualTo(200);
			assertThat(serviceExists("site_" + id)).as("service after the site became static").isFalse();
			assertThat(SWARM.awaitPage(host, "/index.php", response -> response.status() == 200).body())
				.as("a static site sends its scripts as files").contains("getenv(\"GREETING\")");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	@Test
	void aPhpSiteWhosePhpFpmIsDownAnswersWithTheProcessDownPageAndServesItsFiles() throws Exception {
		long id = BASE_ID + 2;
		String host = "php-down-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public"));
		Files.writeString(site.resolve("public/index.php"), "<?php echo 'up';\n");
		Files.writeString(site.resolve("public/index.html"), "not the index\n");
		try {
			String spec = "{\"id\":" + id + ",\"name\":\"php-down\",\"type\":\"PHP\",\"hosts\":[\"" + host
					+ "\"],\"runtime\":\"php\"}";
			assertThat(http.signed("PUT", "/sites/" + id, spec).status()).isEqualTo(200);
			assertThat(SWARM.awaitPage(host, "/", response -> response.status() == 200).body())
				.as("index.php comes before index.html").isEqualTo("up");

			scaleToZero("site_" + id);
			TestHttp.Response down = SWARM.awaitPage(host, "/", response -> response.status() == 502);
			assertThat(down.body()).contains("its owner can restart it from the portal");
			assertThat(TestHttp.getWithHost(APPSERVER_PORT, host, "/index.html").body()).isEqualTo("not the index\n");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	private static void scaleToZero(String service) throws Exception {
		Result scaled = run(DOCKER, "service", "scale", "--detach", service + "=0");
		assertThat(scaled.exitCode()).as(scaled.output()).isZero();
	}

}
