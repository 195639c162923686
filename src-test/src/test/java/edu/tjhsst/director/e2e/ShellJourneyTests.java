package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Portal.PAGE;
import static edu.tjhsst.director.e2e.Portal.TERMINAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * Terminals end to end: a student's site reached with OpenSSH's own {@code ssh}, {@code sftp} and {@code scp}
 * (password and key, the menu and the direct form, commands with their exit status, an interactive session), the
 * web terminal in a real browser, another student who reaches none of it, and wrong passwords refused then
 * locked out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
class ShellJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final String SITE = "shell-e2e";

	private static final String ALICE_PASSWORD = "alice-password-1";

	private static final String BOB_PASSWORD = "bob-password-1";

	private static Ssh ssh;

	private static Path key;

	private static long siteId;

	@BeforeAll
	static void start() throws Exception {
		ssh = new Ssh(JOURNEY.platform().shellPort);
		Path keys = Files.createTempDirectory("e2e-ssh");
		key = keys.resolve("id_ed25519");
		assertThat(Host.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alice@e2e", "-f", key.toString()))
			.isZero();

		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent("alice", ALICE_PASSWORD);
		JOURNEY.portal().createStudent("bob", BOB_PASSWORD);
		JOURNEY.portal().logOut();

		JOURNEY.portal().logIn("alice", ALICE_PASSWORD);
		siteId = JOURNEY.portal().createSite(SITE, "static", null);

		JOURNEY.browser().findElement(By.id("nav-ssh-keys")).click();
		JOURNEY.browser().findElement(By.id("ssh-key")).sendKeys(Files.readString(keys.resolve("id_ed25519.pub")).strip());
		JOURNEY.browser().findElement(By.id("add-key")).click();
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("ssh-keys"), "SHA256:"));
	}

	@Test
	@Order(1)
	void aCommandWithThePortalPasswordRunsInTheSiteAndReturnsItsExitStatus() throws Exception {
		Instant asked = Instant.now();
		Ssh.Result result = ssh.withPassword(ALICE_PASSWORD, "alice+" + SITE,
				"pwd; id -u; ls public; echo to-stderr >&2; exit 7");
		System.out.printf("ssh with a password, a command and its answer: %d ms%n",
				Duration.between(asked, Instant.now()).toMillis());

		assertThat(result.exitCode()).as(result.err()).isEqualTo(7);
		assertThat(result.out()).contains("/site\n").contains(SiteUsers.uid(siteId) + "\n").contains("index.html");
		assertThat(result.err()).contains("to-stderr");
		assertThat(ssh.withPassword(ALICE_PASSWORD, "alice/" + SITE, "true").exitCode()).as("the alice/site form")
			.isZero();
	}

	@Test
	@Order(2)
	void anInteractiveSessionWithAKeyRunsWhatIsTypedAndEndsWithExit() throws Exception {
		try (Ssh.Session session = ssh.interactive(key, "alice+" + SITE)) {
			session.await("$ ", Ssh.PROMPT);
			session.type("echo $((6*7)) from $DIRECTOR_SITE_NAME\n");
			assertThat(session.await("42 from " + SITE, Ssh.ECHO)).contains("alice@" + SITE);
			session.type("exit 0\n");
			assertThat(session.exitCode(Ssh.ECHO)).isZero();
		}
	}

	@Test
	@Order(3)
	void theMenuListsTheStudentsSitesAndGoesIntoTheChosenOne() throws Exception {
		try (Ssh.Session session = ssh.interactive(key, "alice")) {
			session.await(SITE, Ssh.PROMPT);
			session.type("1\r");
			session.await("$ ", Ssh.PROMPT);
			session.type("echo inside-$DIRECTOR_SITE_NAME\n");
			session.await("inside-" + SITE, Ssh.ECHO);
			session.type("exit\n");
			assertThat(session.exitCode(Ssh.ECHO)).isZero();
		}
	}

	@Test
	@Order(4)
	void filesPutWithSftpAndScpAreServedThroughTheRouter() throws Exception {
		Path local = Files.createTempDirectory("e2e-sftp");
		Path page = Files.writeString(local.resolve("hello.html"), "<p>sent with sftp</p>\n");
		Path copied = Files.writeString(local.resolve("copied.html"), "<p>sent with scp</p>\n");

		Ssh.Result sftp = ssh.sftp(key, "alice+" + SITE, "put " + page + " public/from-sftp.html\nls public\n");
		assertThat(sftp.exitCode()).as(sftp.err()).isZero();
		assertThat(sftp.out()).contains("from-sftp.html");
		Ssh.Result scp = ssh.scp(key, copied, "alice+" + SITE + "@127.0.0.1:public/from-scp.html");
		assertThat(scp.exitCode()).as(scp.err()).isZero();

		Http.Response viaSftp = Http.get(JOURNEY.platform().sitesPort, SITE + ".sites.localhost", "/from-sftp.html");
		Http.Response viaScp = Http.get(JOURNEY.platform().sitesPort, SITE + ".sites.localhost", "/from-scp.html");
		assertThat(viaSftp.status()).isEqualTo(200);
		assertThat(viaSftp.body()).contains("sent with sftp");
		assertThat(viaScp.status()).isEqualTo(200);
		assertThat(viaScp.body()).contains("sent with scp");
		assertThat(JOURNEY.platform().data.resolve("sites/" + siteId + "/public/from-sftp.html")).exists();
	}

	@Test
	@Order(5)
	void theWebTerminalShowsTheOutputOfACommand() throws Exception {
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + siteId);
		JOURNEY.browser().findElement(By.id("open-terminal")).click();
		JOURNEY.portal().waitUpTo(TERMINAL).withMessage("the terminal's prompt")
			.until(driver -> terminalText().contains("alice@" + SITE + ":/site$ "));
		JOURNEY.browser().findElement(By.cssSelector("#terminal .xterm-helper-textarea")).sendKeys("echo $((6*7))" + Keys.ENTER);
		JOURNEY.portal().waitUpTo(PAGE).withMessage("a line \"42\" in the terminal")
			.until(driver -> terminalText().lines().anyMatch(line -> line.strip().equals("42")));
		JOURNEY.portal().screenshot("web-terminal");
	}

	/** What the web terminal shows, read from its buffer (its canvas holds no text). */
	private static String terminalText() {
		Object text = JOURNEY.browser().executeScript("""
				var term = document.getElementById('terminal').xterm;
				if (!term) { return ''; }
				var buffer = term.buffer.active, lines = [];
				for (var i = 0; i < buffer.length; i++) { lines.push(buffer.getLine(i).translateToString(true)); }
				return lines.join('\\n');""");
		return text == null ? "" : text.toString();
	}

	@Test
	@Order(6)
	void anotherStudentReachesNoneOfTheSitesByAnyRoute() throws Exception {
		Ssh.Result direct = ssh.withPassword(BOB_PASSWORD, "bob+" + SITE, "id");
		assertThat(direct.exitCode()).isNotZero();
		assertThat(direct.err()).contains("bob has no site called " + SITE);
		assertThat(direct.out()).doesNotContain("uid=");

		Ssh.Result menu = ssh.withPassword(BOB_PASSWORD, "bob", "ls");
		assertThat(menu.exitCode()).isNotZero();
		assertThat(menu.out() + menu.err()).doesNotContain(SITE + "\n").doesNotContain("index.html");

		Ssh.Result asAlice = ssh.withPassword(BOB_PASSWORD, "alice+" + SITE, "id");
		assertThat(asAlice.exitCode()).as("bob's password for alice").isNotZero();
		assertThat(asAlice.out()).doesNotContain("uid=");

		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn("bob", BOB_PASSWORD);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + siteId + "/terminal");
		assertThat(JOURNEY.browser().getPageSource()).doesNotContain("xterm").doesNotContain(SITE);
		assertThat(JOURNEY.browser().findElement(By.tagName("h1")).getText()).containsIgnoringCase("not found");
	}

	@Test
	@Order(7)
	void wrongPasswordsAreRefusedAndThenEvenTheRightOneIsLockedOutForAWhile() throws Exception {
		// Last, because it locks alice out for a while.
		for (int attempt = 1; attempt <= 5; attempt++) {
			Ssh.Result wrong = ssh.withPassword("not-alices-password", "alice+" + SITE, "true");
			assertThat(wrong.exitCode()).as("attempt " + attempt).isNotZero();
		}
		Ssh.Result right = ssh.withPassword(ALICE_PASSWORD, "alice+" + SITE, "true");
		assertThat(right.exitCode()).as("the right password after five wrong ones").isNotZero();
	}

}
