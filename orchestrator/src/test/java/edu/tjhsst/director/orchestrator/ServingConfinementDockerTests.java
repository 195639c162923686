package edu.tjhsst.director.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;
import edu.tjhsst.director.orchestrator.nginx.AppserverTemplates;

/**
 * A site's owner attacks through the files of their own site, as they can over SSH, SFTP or their site's process:
 * links (relative and absolute, as Nginx sees the data root) in place of the document root, of a folder in it and of
 * a file, towards another site's {@code private/}, their own {@code private/} and {@code /}. The real appserver Nginx
 * must never answer with a byte from outside the site's {@code public/} folder, and the victim keeps serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DockerTest
class ServingConfinementDockerTests {

	@RegisterExtension
	static final DockerSwarmFixture SWARM = new DockerSwarmFixture("sc-", "orchestrator-serving-", 3_800_000,
			"director/runtime-php:5");

	private static final Path DATA = SWARM.data();

	private static final int APPSERVER_PORT = SWARM.appserverPort();

	private static final long ATTACKER = SWARM.baseId() + 1;

	private static final long VICTIM = SWARM.baseId() + 2;

	private static final String SECRET = "victim-secret-4f1c9a";

	/**
	 * How long the appserver may serve a file it opened before its path was swapped: its open_file_cache_valid, and a
	 * second of Nginx's clock.
	 */
	private static final Duration CACHE_VALIDITY = Duration.ofSeconds(3);

	private static final String OWN_SECRET = "attacker-own-private-77b2";

	@LocalServerPort
	int port;

	private TestHttp http;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		SWARM.register(registry);
	}

	@BeforeEach
	void twoSites() throws Exception {
		http = new TestHttp(port);
		put(VICTIM, "STATIC");
		Files.writeString(site(VICTIM).resolve("private/secret.txt"), SECRET + "\n");
		Files.writeString(site(VICTIM).resolve("private/secret.php"), "<?php echo '" + SECRET + "';\n");
		Files.writeString(site(VICTIM).resolve("public/index.html"), "victim's own page\n");
		put(ATTACKER, "STATIC");
		Files.writeString(site(ATTACKER).resolve("private/mine.txt"), OWN_SECRET + "\n");
	}

	@AfterEach
	void removeSites() {
		http.signed("DELETE", "/sites/" + ATTACKER, "");
		http.signed("DELETE", "/sites/" + VICTIM, "");
	}

	@Test
	void aDocumentRootReplacedByALinkToAnotherSitesPrivateFolderServesNothingOfIt() throws Exception {
		String ownPage = get(ATTACKER, "/").body();
		for (Path target : List.of(Path.of("../" + VICTIM + "/private"), nginxView(VICTIM).resolve("private"))) {
			replaceWithLink(site(ATTACKER).resolve("public"), target);

			assertNothingLeaks("/secret.txt");
			assertRefusedAfterSwap("/", ownPage);
		}
		assertVictimServes();
	}

	@Test
	void linksInsideTheDocumentRootLeadNowhere() throws Exception {
		Path publicDir = site(ATTACKER).resolve("public");
		Files.createSymbolicLink(publicDir.resolve("stolen.txt"), Path.of("../../" + VICTIM + "/private/secret.txt"));
		Files.createSymbolicLink(publicDir.resolve("absolute.txt"), nginxView(VICTIM).resolve("private/secret.txt"));
		Files.createSymbolicLink(publicDir.resolve("victim"), Path.of("../../" + VICTIM + "/private"));
		Files.createSymbolicLink(publicDir.resolve("root"), Path.of("/"));
		Files.createSymbolicLink(publicDir.resolve("mine.txt"), Path.of("../private/mine.txt"));

		for (String path : List.of("/stolen.txt", "/absolute.txt", "/victim/secret.txt", "/victim/",
				"/root/etc/passwd", "/mine.txt")) {
			assertNothingLeaks(path);
		}
		assertVictimServes();
	}

	@Test
	void aFolderOfTheDocumentRootRenamedAwayAndReplacedByALinkServesNothing() throws Exception {
		Path folder = site(ATTACKER).resolve("public/docs");
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("secret.txt"), "the attacker's own public file\n");
		assertThat(get(ATTACKER, "/docs/secret.txt").status()).as("before the swap").isEqualTo(200);

		Files.move(folder, site(ATTACKER).resolve("public/docs-old"));
		Files.createSymbolicLink(folder, Path.of("../../" + VICTIM + "/private"));

		assertRefusedAfterSwap("/docs/secret.txt", "the attacker's own public file\n");
		assertVictimServes();
	}

	@Test
	void aPhpSitesScriptsAndDocumentRootCannotBeLinksToAnotherSitesScripts() throws Exception {
		put(ATTACKER, "PHP");
		Path publicDir = site(ATTACKER).resolve("public");
		Files.createSymbolicLink(publicDir.resolve("run.php"), Path.of("../../" + VICTIM + "/private/secret.php"));
		Files.writeString(publicDir.resolve("ok.php"), "<?php echo 'attacker php ran';\n");
		SWARM.awaitPage(host(ATTACKER), "/ok.php", response -> response.body().contains("attacker php ran"));

		assertNothingLeaks("/run.php");
		replaceWithLink(publicDir, Path.of("../" + VICTIM + "/private"));
		assertNothingLeaks("/secret.php");
		assertNothingLeaks("/secret.txt");
		assertVictimServes();
	}

	/** A path never served before is refused at once, and nothing behind a link is in the answer. */
	private void assertNothingLeaks(String path) {
		TestHttp.Response response = get(ATTACKER, path);
		assertThat(response.body()).as("%s answered %s", path, response.status())
			.doesNotContain(SECRET).doesNotContain(OWN_SECRET).doesNotContain("root:x:0:0");
		assertThat(response.status()).as("%s is refused", path).isIn(403, 404);
	}

	/**
	 * A path served before its folder was swapped for a link: the appserver keeps open the files it served
	 * (open_file_cache) and looks at their paths again after a second, so until then it may answer with exactly the
	 * attacker's own file it had opened, and with nothing else; then it refuses.
	 */
	private void assertRefusedAfterSwap(String path, String servedBefore) {
		Await.until(path + " to be refused", CACHE_VALIDITY, () -> {
			TestHttp.Response response = get(ATTACKER, path);
			if (response.status() == 403 || response.status() == 404) {
				assertThat(response.body()).as("%s answered %s", path, response.status())
					.doesNotContain(SECRET).doesNotContain(OWN_SECRET).doesNotContain("root:x:0:0");
				return true;
			}
			assertThat(response.body()).as("%s answered %s before it was refused", path, response.status())
				.isEqualTo(servedBefore);
			return false;
		});
	}

	private void assertVictimServes() {
		TestHttp.Response page = get(VICTIM, "/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).isEqualTo("victim's own page\n");
	}

	private void put(long id, String type) {
		String spec = "{\"id\":" + id + ",\"name\":\"serving-" + id + "\",\"type\":\"" + type + "\",\"hosts\":[\""
				+ host(id) + "\"]" + ("PHP".equals(type) ? ",\"runtime\":\"php\"" : "") + "}";
		TestHttp.Response applied = http.signed("PUT", "/sites/" + id, spec);
		assertThat(applied.status()).as(applied.body()).isEqualTo(200);
		SWARM.awaitPage(host(id), "/", response -> response.status() != 404 || !response.body().contains("No site"));
	}

	private static TestHttp.Response get(long id, String path) {
		return TestHttp.getWithHost(APPSERVER_PORT, host(id), path);
	}

	private static void replaceWithLink(Path folder, Path target) throws Exception {
		if (Files.isSymbolicLink(folder)) {
			Files.delete(folder);
		}
		else {
			Files.move(folder, folder.resolveSibling(folder.getFileName() + "-" + System.nanoTime()));
		}
		Files.createSymbolicLink(folder, target);
	}

	private static Path site(long id) {
		return DATA.resolve("sites/" + id);
	}

	/** The site's folder as the appserver Nginx sees it, for absolute links. */
	private static Path nginxView(long id) {
		return Path.of(AppserverTemplates.SITES_DIR, Long.toString(id));
	}

	private static String host(long id) {
		return "serving-" + id + ".sites.localhost";
	}

}
