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
import java.util.List;

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
			"director/runtime-php:5");

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
			assertThat(container.get("Image").asText()).isEqualTo("director/runtime-php:5");
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

	@Test
	void aPhpApplicationSeesTheBrowsersAddressRoutesEveryPathThroughIndexPhpAndTakesUploadsUpToTheSitesLimit()
			throws Exception {
		long id = BASE_ID + 3;
		String host = "php-app-" + id + ".sites.localhost";
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve("public/small"));
		Files.writeString(site.resolve("public/index.php"), """
				<?php
				header('Content-Type: text/plain');
				foreach (['HTTP_HOST', 'SERVER_PORT', 'HTTPS', 'REQUEST_SCHEME', 'REMOTE_ADDR', 'REQUEST_URI',
						'HTTP_X_FORWARDED_FOR', 'HTTP_X_FORWARDED_HOST', 'HTTP_X_FORWARDED_PORT'] as $name) {
					echo $name, '=', $_SERVER[$name] ?? '', "\n";
				}
				echo 'forwarded=', isset($_SERVER['HTTP_FORWARDED']) ? 'passed' : 'none', "\n";
				echo 'workers=', getenv('DIRECTOR_PHP_WORKERS'), "\n";
				echo 'upload_max_filesize=', ini_get('upload_max_filesize'), "\n";
				echo 'post_max_size=', ini_get('post_max_size'), "\n";
				foreach ($_FILES as $name => $file) {
					echo 'file ', $name, ' size=', $file['size'], ' error=', $file['error'], "\n";
				}
				foreach (['mbstring', 'dom', 'simplexml', 'gd', 'curl', 'zip', 'intl', 'pdo_mysql'] as $extension) {
					echo $extension, '=', extension_loaded($extension) ? 'yes' : 'no', "\n";
				}
				""");
		Files.writeString(site.resolve("public/small/index.php"), "<?php require __DIR__ . '/../index.php';\n");
		Files.writeString(site.resolve("public/small/.user.ini"), "upload_max_filesize = 1M\n");
		Files.writeString(site.resolve("public/notes.txt"), "just a file\n");
		String spec = "{\"id\":" + id + ",\"name\":\"php-app\",\"type\":\"PHP\",\"hosts\":[\"" + host
				+ "\"],\"runtime\":\"php\",\"limits\":{\"maxBodyMiB\":8,\"phpWorkers\":3}}";
		try {
			TestHttp.Response applied = http.signed("PUT", "/sites/" + id, spec);
			assertThat(applied.status()).as(applied.body()).isEqualTo(200);
			SWARM.awaitPage(host, "/", response -> response.status() == 200);

			// As the router sends it for https://<host>:8443/2026/12/hello-world/?p=1 from 203.0.113.7.
			String browserHost = host + ":8443";
			String asTheRouterSends = "Host: " + browserHost + "\r\nX-Real-IP: 203.0.113.7\r\n"
					+ "X-Forwarded-For: 198.51.100.1, 203.0.113.7\r\nX-Forwarded-Proto: https\r\n"
					+ "X-Forwarded-Host: " + browserHost + "\r\nX-Forwarded-Port: 8443\r\n"
					+ "Forwarded: for=198.51.100.1;proto=https\r\n";
			// The router on this node sends it through the service's Unix socket, whose folder only its group reaches.
			Path socket = DATA.resolve("appserver-sockets").resolve(SWARM.service()).resolve("http.sock");
			TestHttp.Response pretty = TestHttp.exchange(socket,
					ascii("GET /2026/12/hello-world/?p=1 HTTP/1.0\r\n" + asTheRouterSends + "\r\n"));
			assertThat(pretty.status()).as(pretty.body()).isEqualTo(200);
			assertThat(pretty.body().lines()).contains("HTTP_HOST=" + browserHost, "SERVER_PORT=8443", "HTTPS=on",
					"REQUEST_SCHEME=https", "REMOTE_ADDR=203.0.113.7", "REQUEST_URI=/2026/12/hello-world/?p=1",
					"HTTP_X_FORWARDED_FOR=198.51.100.1, 203.0.113.7", "HTTP_X_FORWARDED_HOST=" + browserHost,
					"HTTP_X_FORWARDED_PORT=8443", "forwarded=none", "workers=3", "upload_max_filesize=8M",
					"post_max_size=8M", "mbstring=yes", "dom=yes", "simplexml=yes", "gd=yes", "curl=yes", "zip=yes",
					"intl=yes", "pdo_mysql=yes");
			assertThat(TestHttp.getWithHost(APPSERVER_PORT, host, "/notes.txt").body()).isEqualTo("just a file\n");
			// As ./director leaves it (mkdir's 755, then g+rx): anyone may pass the data directory, so only the sockets'
			// own folders keep others out.
			Files.setPosixFilePermissions(DATA, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
			assertThat(curlThroughSocketAs("65534", socket, host)).as("a user outside the data directory's group")
				.isEqualTo("000");
			String group = Files.getAttribute(DATA, "unix:gid").toString();
			assertThat(curlThroughSocketAs(group, socket, host)).as("a user of the data directory's group, as the router")
				.isEqualTo("200");

			// The same claims from anyone else are not believed: at the published port on 127.0.0.1 (any local user,
			// through Docker's proxy) and on the machine's own address (as another machine would come).
			for (String address : List.of("127.0.0.1", machineAddress())) {
				TestHttp.Response claimed = TestHttp.exchange(address, APPSERVER_PORT, ascii("GET / HTTP/1.0\r\n"
						+ asTheRouterSends.replace("X-Forwarded-Host: " + browserHost, "X-Forwarded-Host: evil.example.org")
						+ "\r\n"));
				assertThat(claimed.body().lines()).as("what PHP heard through %s", address).contains("HTTPS=",
						"SERVER_PORT=80", "REQUEST_SCHEME=http", "HTTP_X_FORWARDED_HOST=" + browserHost,
						"HTTP_X_FORWARDED_PORT=80", "forwarded=none")
					.doesNotContain("REMOTE_ADDR=203.0.113.7", "HTTP_X_FORWARDED_FOR=198.51.100.1, 203.0.113.7");
			}
			String machine = machineAddress();
			assertThat(TestHttp.exchange(machine, APPSERVER_PORT, ascii("GET / HTTP/1.0\r\n" + asTheRouterSends
					+ "\r\n")).body().lines()).contains("REMOTE_ADDR=" + machine,
							"HTTP_X_FORWARDED_FOR=198.51.100.1, 203.0.113.7, " + machine);

			byte[] threeMiB = new byte[3 * 1024 * 1024];
			assertThat(upload("/", host, threeMiB).body()).as("PHP's own default was 2M")
				.contains("file picture size=" + threeMiB.length + " error=0");
			TestHttp.Response small = upload("/small/", host, threeMiB);
			assertThat(small.body()).as("the folder's .user.ini lowers the limit")
				.contains("upload_max_filesize=1M", "file picture size=0 error=1");
			assertThat(TestHttp.getWithHost(APPSERVER_PORT, host, "/small/.user.ini").status()).isEqualTo(403);
			TestHttp.Response tooLarge = TestHttp.exchange(APPSERVER_PORT, ascii("POST / HTTP/1.0\r\nHost: " + host
					+ "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + 9 * 1024 * 1024 + "\r\n\r\n"));
			assertThat(tooLarge.status()).as("past the site's own limit").isEqualTo(413);

			Files.delete(site.resolve("public/index.php"));
			TestHttp.Response noController = TestHttp.getWithHost(APPSERVER_PORT, host, "/2026/12/hello-world/");
			assertThat(noController.status()).as("without an index.php, a missing path").isEqualTo(404);
			assertThat(noController.body()).doesNotContain("<?php");
		}
		finally {
			http.signed("DELETE", "/sites/" + id, "");
		}
	}

	/** A form post of one file field, {@code picture}, as a browser sends it through the router. */
	private static TestHttp.Response upload(String path, String host, byte[] content) {
		String boundary = "----director-test-boundary";
		byte[] head = ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"picture\"; "
				+ "filename=\"picture.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		byte[] tail = ascii("\r\n--" + boundary + "--\r\n");
		int length = head.length + content.length + tail.length;
		byte[] request = ascii("POST " + path + " HTTP/1.0\r\nHost: " + host + "\r\nContent-Type: multipart/form-data; "
				+ "boundary=" + boundary + "\r\nContent-Length: " + length + "\r\n\r\n");
		byte[] all = new byte[request.length + length];
		System.arraycopy(request, 0, all, 0, request.length);
		System.arraycopy(head, 0, all, request.length, head.length);
		System.arraycopy(content, 0, all, request.length + head.length, content.length);
		System.arraycopy(tail, 0, all, request.length + head.length + content.length, tail.length);
		return TestHttp.exchange(APPSERVER_PORT, all);
	}

	/** The status a GET of /notes.txt through the socket gets as uid 65534 with this group only; 000 when refused. */
	private static String curlThroughSocketAs(String group, Path socket, String host) throws Exception {
		Process curl = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=" + group, "--clear-groups", "curl", "-s",
				"-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", socket.toString(), "-H", "Host: " + host,
				"http://appserver/notes.txt").redirectErrorStream(true).start();
		String status = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
		curl.waitFor();
		return status;
	}

	/** An address of this machine's own that is neither loopback nor a Docker bridge's, as another machine reaches it. */
	private static String machineAddress() throws java.net.SocketException {
		return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
			.filter(nic -> !nic.getName().startsWith("docker") && !nic.getName().startsWith("veth")
					&& !nic.getName().startsWith("br-") && !nic.getName().equals("lo"))
			.flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
			.filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
			.map(java.net.InetAddress::getHostAddress)
			.findFirst()
			.orElseThrow(() -> new AssertionError("this machine has no address but loopback and Docker's"));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

	private static void scaleToZero(String service) throws Exception {
		Result scaled = run(DOCKER, "service", "scale", "--detach", service + "=0");
		assertThat(scaled.exitCode()).as(scaled.output()).isZero();
	}

}
