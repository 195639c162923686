package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Portal.BUILD;
import static edu.tjhsst.director.e2e.Portal.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * The applications students install, run unchanged in a real browser through the router on its own port (the
 * embedded default, {@code :<sites port>}): WordPress from Debian's files, uploaded with SFTP and unpacked over SSH, set
 * up by its own web installer on a MySQL database made in the portal, with pretty permalinks and a 5 MB image uploaded
 * in wp-admin; a Flask app from Debian's package on the site's PostgreSQL; an Express app whose dependencies npm
 * installs from the site's terminal.
 */
@BrowserTest
class RealApplicationsJourneyTests {

	private static final int FORWARDER_PORT = Host.freePort();

	@RegisterExtension
	static final Journey JOURNEY = new Journey(Map.of("DIRECTOR_SITES_HOST_PORTS", Integer.toString(FORWARDER_PORT)));

	private static final String STUDENT = "wren";

	private static final String STUDENT_PASSWORD = "wren-password-1";

	/** What WordPress takes a while for: its installer's tables, an image's thumbnails at half a core. */
	private static final Duration WORDPRESS = Duration.ofSeconds(90);

	private static final String MARIADB = "School MariaDB " + UUID.randomUUID().toString().substring(0, 6);

	private static TcpForwarder forwarder;

	private static Ssh ssh;

	@BeforeAll
	static void start() throws Exception {
		// MariaDB here listens on loopback only; the forwarder stands where an operator would set bind-address.
		String gateway = Host.bridgeGateway();
		forwarder = new TcpForwarder(gateway, FORWARDER_PORT,
				new InetSocketAddress(MachineMariadb.HOST, MachineMariadb.PORT));
		ssh = new Ssh(JOURNEY.platform().shellPort);
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().addMariadbHost(MARIADB, gateway, forwarder.port());
		JOURNEY.portal().createStudent(STUDENT, STUDENT_PASSWORD);
		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn(STUDENT, STUDENT_PASSWORD);
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			if (forwarder != null) {
				forwarder.close();
			}
		}
		finally {
			if (JOURNEY.platform() != null) {
				MachineMariadb.dropEverythingStartingWith(JOURNEY.platform().siteDatabasePrefix);
			}
		}
	}

	@Test
	void wordPressUploadedOverSftpInstallsItselfServesPrettyPermalinksAndTakesAFiveMegabyteImage() throws Exception {
		String site = "wp-e2e";
		String url = JOURNEY.platform().siteUrl(site);
		long id = JOURNEY.portal().createSite(site, "php", null);
		JOURNEY.portal().createDatabase(id, MARIADB);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + id + "/database");
		// mysql://user:password@host:port/name, as the student copies it from the page.
		String[] database = JOURNEY.portal().revealDatabaseUrl().split("[:/@]+");

		Path tarball = WordPressFiles.tarball(Path.of("target", "wordpress"));
		String login = STUDENT + "+" + site;
		Ssh.Result put = ssh.sftpWithPassword(STUDENT_PASSWORD, login, "put " + tarball.toAbsolutePath() + " wordpress.tar.gz\n");
		assertThat(put.exitCode()).as(put.err()).isZero();
		Ssh.Result unpacked = ssh.withPassword(STUDENT_PASSWORD, login, "rm -f public/index.html && "
				+ "tar -xzf wordpress.tar.gz --strip-components=1 -C public && rm wordpress.tar.gz public/wp-config.php");
		assertThat(unpacked.exitCode()).as(unpacked.err()).isZero();

		// WordPress's own installer: no wp-config.php yet, so it asks for the database and writes one.
		JOURNEY.browser().get(url);
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.urlContains("/wp-admin/setup-config.php"));
		assertThat(JOURNEY.browser().getCurrentUrl()).as("the redirect keeps the port").startsWith(url);
		click(By.cssSelector("a.button[href*='step=1']"));
		type("dbname", database[5]);
		type("uname", database[1]);
		type("pwd", database[2]);
		type("dbhost", database[3] + ":" + database[4]);
		JOURNEY.portal().screenshot("wordpress-1-database");
		click(By.cssSelector("input[type=submit], button[type=submit]"));
		click(By.cssSelector("a.button[href*='install.php']"));
		type("weblog_title", "Wren's blog");
		type("user_login", "wren");
		String password = "a-long-and-strong-password-" + UUID.randomUUID();
		type("pass1", password);
		type("admin_email", "wren@example.org");
		click(By.id("submit"));
		JOURNEY.portal().waitUpTo(WORDPRESS).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
				"Success!"));
		JOURNEY.portal().screenshot("wordpress-2-installed");

		click(By.cssSelector("a.button[href*='wp-login.php']"));
		// wp-login.php focuses and selects the user name 200 ms after it loads: typed before that, the password
		// would replace the user name.
		JOURNEY.portal().waitUpTo(PAGE).until(driver -> "user_login".equals(((JavascriptExecutor) driver)
			.executeScript("return document.activeElement && document.activeElement.id;")));
		type("user_login", "wren");
		type("user_pass", password);
		assertThat(JOURNEY.browser().findElement(By.id("user_login")).getDomProperty("value")).isEqualTo("wren");
		click(By.id("wp-submit"));
		JOURNEY.portal().waitUpTo(WORDPRESS).until(ExpectedConditions.urlContains("/wp-admin/"));
		assertThat(JOURNEY.browser().getCurrentUrl()).startsWith(url);

		// Pretty permalinks: every post's path goes through index.php, WordPress's front controller.
		JOURNEY.browser().get(url + "wp-admin/options-permalink.php");
		click(By.cssSelector("input[name=selection][value='/%postname%/']"));
		click(By.id("submit"));
		JOURNEY.portal().waitUpTo(WORDPRESS).until(ExpectedConditions.textToBePresentInElementLocated(By.id("wpbody"),
				"Permalink structure updated"));
		JOURNEY.browser().get(url + "?p=1");
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.urlToBe(url + "hello-world/"));
		assertThat(JOURNEY.browser().findElement(By.tagName("body")).getText()).contains("Hello world!")
			.contains("Welcome to WordPress");
		JOURNEY.portal().screenshot("wordpress-3-permalink");
		Http.Response post = asABrowser(site, "/hello-world/");
		assertThat(post.status()).isEqualTo(200);
		assertThat(post.body()).contains("Welcome to WordPress");
		Http.Response front = asABrowser(site, "/");
		assertThat(front.body()).contains("Wren&#039;s blog").contains(url + "hello-world/");
		assertThat(asABrowser(site, "/no-such-post/").status())
			.as("WordPress's own not-found page").isEqualTo(404);

		// A 5 MB picture through wp-admin's uploader; GD makes its smaller sizes.
		Path picture = fiveMegabyteImage(Path.of("target", "wordpress"));
		assertThat(Files.size(picture)).isGreaterThan(5_000_000);
		JOURNEY.browser().get(url + "wp-admin/media-new.php?browser-uploader");
		JOURNEY.portal().waitUpTo(WORDPRESS).until(ExpectedConditions.presenceOfElementLocated(By.id("async-upload")))
			.sendKeys(picture.toAbsolutePath().toString());
		click(By.id("html-upload"));
		JOURNEY.portal().waitUpTo(WORDPRESS).until(ExpectedConditions.urlContains("/wp-admin/upload.php"));
		JOURNEY.portal().screenshot("wordpress-4-uploaded");
		List<Path> uploads = JOURNEY.platform().siteFiles(id, "public/wp-content/uploads");
		assertThat(uploads).anySatisfy(file -> {
			assertThat(file.getFileName().toString()).isEqualTo("class-photo.png");
			assertThat(Files.size(file)).isEqualTo(Files.size(picture));
		});
		assertThat(uploads).as("a thumbnail made by GD")
			.anySatisfy(file -> assertThat(file.getFileName().toString()).isEqualTo("class-photo-150x150.png"));
		String served = "/" + JOURNEY.platform().data.resolve("sites").resolve(Long.toString(id)).resolve("public")
			.relativize(uploads.stream().filter(file -> file.getFileName().toString().equals("class-photo.png"))
				.findFirst().orElseThrow()).toString();
		assertThat(asABrowser(site, served).status()).isEqualTo(200);

		// More PHP workers for a busy blog, on the site's Resources page: php-fpm restarts with them.
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + id);
		JOURNEY.browser().findElement(By.id("edit-resources")).click();
		new Select(JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("phpWorkers"))))
			.selectByValue("8");
		JOURNEY.portal().screenshot("wordpress-5-resources");
		JOURNEY.browser().findElement(By.id("save-resources")).click();
		JOURNEY.portal().awaitOperation(id, "Update settings");
		Await.value("WordPress's front page after php-fpm's restart", SiteAnswers.ANSWER, () -> asABrowser(site, "/"),
				answer -> answer.status() == 200 && answer.body().contains("Hello world!"));
	}

	@Test
	void aFlaskAppFromDebiansPackageUsesItsPostgresqlAndBuildsItsLinksWithTheBrowsersPort() throws Exception {
		String site = "flask-e2e";
		String url = JOURNEY.platform().siteUrl(site);
		long id = JOURNEY.portal().createSite(site, "dynamic", "python");
		JOURNEY.browser().findElement(By.id("edit-packages")).click();
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("packages")))
			.sendKeys("python3-flask");
		JOURNEY.browser().findElement(By.id("save-packages")).click();
		JOURNEY.portal().awaitOperation(id, "Update packages", BUILD, "SUCCEEDED");
		JOURNEY.portal().createDatabase(id, "Embedded PostgreSQL");
		JOURNEY.platform().writeSiteFiles(id, Map.of("app.py", app("flask/app.py"), "run.sh", "#!/bin/sh\ncd \"$(dirname \"$0\")\"\n"
				+ "exec python3 app.py\n"));
		JOURNEY.portal().restart(id);

		Http.Response first = JOURNEY.answers().await(site, "/", "visits=");
		int visits = Integer.parseInt(first.body().lines().filter(line -> line.startsWith("visits=")).findFirst()
			.orElseThrow().substring("visits=".length()));
		Http.Response page = Http.send(JOURNEY.platform().sitesPort, "GET / HTTP/1.1\r\nHost: " + site
				+ ".sites.localhost:" + JOURNEY.platform().sitesPort + "\r\nX-Forwarded-For: 203.0.113.5\r\n"
				+ "Connection: close\r\n\r\n");
		// CI once saw this second visit answer 500 after the first had counted; the app's traceback is in its log.
		assertThat(page.body().lines())
			.as(() -> "Flask behind one proxy (ProxyFix), its rows in PostgreSQL; its log:\n" + JOURNEY.platform().siteLog(id))
			.contains("visits=" + (visits + 1), "here=" + url, "client=127.0.0.1");
		JOURNEY.browser().get(url + "go");
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.urlToBe(url));
		assertThat(JOURNEY.browser().findElement(By.tagName("body")).getText()).contains("here=" + url);
	}

	@Test
	void anExpressAppWhoseDependenciesNpmInstallsFromTheTerminalAnswersWithTheBrowsersAddress() throws Exception {
		String site = "express-e2e";
		String url = JOURNEY.platform().siteUrl(site);
		long id = JOURNEY.portal().createSite(site, "dynamic", "node");
		JOURNEY.platform().writeSiteFiles(id, Map.of("package.json", app("express/package.json"), "server.js", app("express/server.js"),
				"run.sh", "#!/bin/sh\ncd \"$(dirname \"$0\")\"\nexec node server.js\n"));
		String trust = "";
		String proxyCa = Host.egressProxyCertificates();
		if (!proxyCa.isEmpty()) {
			// This machine reaches the npm registry through a TLS-inspecting proxy, as many schools do; npm is told
			// to trust its certificate, as a student there would be.
			JOURNEY.platform().writeSiteFiles(id, Map.of(".proxy-ca.pem", proxyCa));
			trust = "NODE_EXTRA_CA_CERTS=/site/.proxy-ca.pem ";
		}
		Ssh.Result installed = ssh.withPassword(STUDENT_PASSWORD, STUDENT + "+" + site,
				"cd /site && " + trust + "npm install --no-audit --no-fund && ls node_modules/express/package.json");
		assertThat(installed.exitCode()).as(installed.out() + installed.err()).isZero();
		assertThat(installed.out()).contains("added ");
		JOURNEY.portal().restart(id);

		Http.Response page = JOURNEY.answers().await(site, "/", "express 4.");
		assertThat(page.body()).startsWith("express 4.");
		Http.Response claimed = Http.send(JOURNEY.platform().sitesPort, "GET / HTTP/1.1\r\nHost: " + site
				+ ".sites.localhost:" + JOURNEY.platform().sitesPort + "\r\nX-Forwarded-For: 203.0.113.5\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(claimed.body().lines()).as("Express with 'trust proxy' 1")
			.contains("here=" + url, "protocol=http", "ip=127.0.0.1");
		JOURNEY.browser().get(url + "go");
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.urlToBe(url));
	}

	/** A file of an application the journey installs, from src/test/resources/apps/. */
	private static String app(String path) throws IOException {
		try (var in = RealApplicationsJourneyTests.class.getResourceAsStream("/apps/" + path)) {
			assertThat(in).as("the test resource apps/%s", path).isNotNull();
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	/** GET through the router with the Host header a browser sends: the site's name and the router's port. */
	private static Http.Response asABrowser(String site, String path) throws IOException {
		return Http.send(JOURNEY.platform().sitesPort, "GET " + path + " HTTP/1.1\r\nHost: " + site + ".sites.localhost:"
				+ JOURNEY.platform().sitesPort + "\r\nConnection: close\r\n\r\n");
	}

	private static void click(By locator) {
		JOURNEY.portal().waitUpTo(WORDPRESS).until(ExpectedConditions.elementToBeClickable(locator)).click();
	}

	private static void type(String id, String value) {
		WebElement field = JOURNEY.portal().waitUpTo(WORDPRESS)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
		field.clear();
		field.sendKeys(value);
	}

	/** A PNG of random pixels, which no compression shrinks: about 5 MB. */
	private static Path fiveMegabyteImage(Path folder) throws IOException {
		BufferedImage image = new BufferedImage(1300, 1300, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(17);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				image.setRGB(x, y, random.nextInt(1 << 24));
			}
		}
		Path file = Files.createDirectories(folder).resolve("class-photo.png");
		ImageIO.write(image, "png", file.toFile());
		return file;
	}

}
