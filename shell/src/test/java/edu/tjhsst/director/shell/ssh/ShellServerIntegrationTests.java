package edu.tjhsst.director.shell.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.PrometheusText;
import edu.tjhsst.director.shell.ShellApplication;

/**
 * The shell server as users meet it: the real OpenSSH client ({@code ssh}, {@code sftp}, with {@code sshpass} for
 * passwords) against the server, a stand-in manager and a stand-in orchestrator terminal.
 */
class ShellServerIntegrationTests {

	private static final String KEY_TEXT = "shell-key-for-the-integration-test-0123456789";

	@TempDir
	static Path dir;

	private static StandInManager manager;

	private static ConfigurableApplicationContext orchestrator;

	private static ConfigurableApplicationContext shell;

	@BeforeAll
	static void start() throws IOException {
		SigningKey key = SigningKey.of(KEY_TEXT);
		manager = new StandInManager(key);
		StandInOrchestrator.shellKey = key;
		StandInOrchestrator.manager = manager;
		StandInOrchestrator.sftpRoot = Files.createDirectories(dir.resolve("site"));
		orchestrator = new SpringApplicationBuilder(StandInOrchestrator.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
		int orchestratorPort = ((WebServerApplicationContext) orchestrator).getWebServer().getPort();
		Files.createDirectories(dir.resolve("data/secrets"));
		Files.writeString(dir.resolve("data/secrets/shell.key"), KEY_TEXT);
		// Arguments, since they outrank application.properties.
		shell = new SpringApplicationBuilder(ShellApplication.class)
			.run("--server.port=0", "--director.data=" + dir.resolve("data"), "--director.shell.port=0",
					"--director.shell.address=127.0.0.1", "--director.shell.manager-url=" + manager.url(),
					"--director.shell.orchestrator-url=http://127.0.0.1:" + orchestratorPort);
	}

	@AfterAll
	static void stop() {
		if (shell != null) {
			shell.close();
		}
		if (orchestrator != null) {
			orchestrator.close();
		}
		if (manager != null) {
			manager.close();
		}
	}

	private static ShellServer server() {
		return shell.getBean(ShellServer.class);
	}

	@Test
	void aCommandsExitStatusIsTheStatusSshReturns() throws Exception {
		Result result = ssh("alice+mysite", StandInManager.PASSWORD, "127.0.0.1", "", "exit 3");
		assertThat(result.status()).as(result.toString()).isEqualTo(3);
		assertThat(manager.grants).contains(new StandInManager.Grant("alice", "mysite", "EXEC", "exit 3", false));
		assertThat(manager.unsigned).isEmpty();
		assertThat(StandInOrchestrator.refusals).isEmpty();
	}

	@Test
	void aCommandsOutputKeepsItsStreamsAndTheSlashFormNamesTheSite() throws Exception {
		Result result = ssh("alice/other", StandInManager.PASSWORD, "127.0.0.1", "", "echo hello there");
		assertThat(result.status()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("hello there\n");
		assertThat(result.err()).contains("to stderr");
		assertThat(manager.grants).contains(new StandInManager.Grant("alice", "other", "EXEC", "echo hello there", false));
	}

	@Test
	void inputReachesTheCommandAndItsEndIsPassedOn() throws Exception {
		Result result = ssh("alice+mysite", StandInManager.PASSWORD, "127.0.0.1", "line one\nline two\n", "cat");
		assertThat(result.status()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("line one\nline two\n");
		assertThat(StandInOrchestrator.controls).contains("{\"type\":\"eof\"}");
	}

	@Test
	void aCommandOnATerminalGetsOne() throws Exception {
		Result result = run(List.of("sshpass", "-p", StandInManager.PASSWORD, "ssh", "-tt", "-p",
				Integer.toString(server().port()), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
				"-o", "PubkeyAuthentication=no", "-o", "LogLevel=ERROR", "alice+mysite@127.0.0.1", "exit 6"), "");
		assertThat(result.status()).as(result.toString()).isEqualTo(6);
		assertThat(manager.grants).contains(new StandInManager.Grant("alice", "mysite", "EXEC", "exit 6", true));
	}

	@Test
	void closingTheClientClosesTheTerminalAndLeavesNoThreadBehind() throws Exception {
		Path key = keyPair("login");
		Process process = new ProcessBuilder(keyCommand("ssh", "-p", key, List.of("alice+mysite@127.0.0.1", "cat")))
			.start();
		try {
			OutputStream in = process.getOutputStream();
			in.write("ping\n".getBytes(StandardCharsets.UTF_8));
			in.flush();
			byte[] echoed = process.getInputStream().readNBytes(5);
			assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo("ping\n");
			assertThat(StandInOrchestrator.open.get()).isEqualTo(1);
		}
		finally {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
		}
		Await.until("the terminal to close and the session's threads to end", Duration.ofSeconds(10),
				() -> StandInOrchestrator.open.get() == 0 && sessionThreads() == 0);
		assertThat(StandInOrchestrator.open.get()).isZero();
		assertThat(sessionThreads()).isZero();
	}

	private static long sessionThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter(t -> t.isAlive() && t.getName().startsWith("ssh-session-")).count();
	}

	@Test
	void aTokenTheOrchestratorRefusesEndsTheSessionWithAMessage() throws Exception {
		Result result = ssh("alice+mysite", StandInManager.PASSWORD, "127.0.0.1", "", "spent token");
		assertThat(result.status()).isEqualTo(1);
		assertThat(result.err()).contains("the orchestrator refused the terminal (HTTP 403");
		assertThat(StandInOrchestrator.refusals).contains("token");
		StandInOrchestrator.refusals.remove("token");
	}

	@Test
	void aWrongPasswordIsRefused() throws Exception {
		int before = manager.passwordChecks.size();
		Result result = ssh("alice+mysite", "not the password", "127.0.0.3", "", "exit 0 # wrong password");
		assertThat(result.status()).as(result.toString()).isNotZero();
		assertThat(manager.passwordChecks.size()).isEqualTo(before + 1);
		assertThat(manager.grants).noneMatch(g -> "exit 0 # wrong password".equals(g.command()));
	}

	@Test
	void aUserLockedOutFromOneAddressIsRefusedThereWithoutAskingTheManagerButNotFromAnother() throws Exception {
		long before = checksOf("carol");
		for (int i = 1; i <= 5; i++) {
			Result result = ssh("carol+solo", "guess " + i, "127.0.0.2", "", "exit 0");
			assertThat(result.status()).as(result.toString()).isNotZero();
		}
		assertThat(checksOf("carol")).isEqualTo(before + 5);
		// The right password now: refused with the reason, and the manager is not asked.
		Result sixth = ssh("carol+solo", StandInManager.PASSWORD, "127.0.0.2", "", "exit 0");
		assertThat(sixth.status()).as(sixth.toString()).isNotZero();
		assertThat(sixth.out() + sixth.err())
			.contains("Too many failed sign-ins from your address; try again in 5 minutes.");
		assertThat(checksOf("carol")).isEqualTo(before + 5);
		// One user's failures lock neither another user out of that address nor that user out from everywhere (a
		// student typing a teacher's name cannot keep the teacher out).
		assertThat(ssh("alice+mysite", StandInManager.PASSWORD, "127.0.0.2", "", "exit 0").status()).isZero();
		Result elsewhere = ssh("carol+solo", StandInManager.PASSWORD, "127.0.0.4", "", "exit 0");
		assertThat(elsewhere.status()).as(elsewhere.toString()).isZero();
	}

	private static long checksOf(String user) {
		return manager.passwordChecks.stream().filter(user::equals).count();
	}

	@Test
	void theMenuListsTheUsersSitesAndGoesIntoTheChosenOne() throws Exception {
		Result result = ssh("alice", StandInManager.PASSWORD, "127.0.0.1", "7\n2\nbye\n", null);
		assertThat(result.status()).as(result.toString()).isZero();
		assertThat(result.out()).contains("1) mysite (dynamic)", "2) other (static)", "3) closed (php, disabled)",
				"There is no site \"7\" in the list.", "welcome to other", "bye");
		assertThat(manager.grants).contains(new StandInManager.Grant("alice", "other", "SHELL", null, false));
		Result byName = ssh("alice", StandInManager.PASSWORD, "127.0.0.1", "mysite\n", null);
		assertThat(byName.out()).contains("welcome to mysite");
	}

	@Test
	void onATerminalTheMenuEchoesTypingHandlesBackspaceAndCtrlCAndTheSizeIsSent() throws Exception {
		long resizes = resizes();
		Result chosen = run(terminal("alice"), "x\u007f2\r");
		assertThat(chosen.status()).as(chosen.toString()).isZero();
		assertThat(chosen.out()).contains("2) other (static)\r\n", "x\b \b2\r\n", "welcome to other");
		assertThat(manager.grants).contains(new StandInManager.Grant("alice", "other", "SHELL", null, true));
		// The size from the client's pty-req, before any input.
		assertThat(resizes()).isEqualTo(resizes + 1);
		Result interrupted = run(terminal("alice"), "1\u0003");
		assertThat(interrupted.status()).isEqualTo(1);
		assertThat(interrupted.out()).contains("1^C");
	}

	private static long resizes() {
		return StandInOrchestrator.controls.stream().filter(c -> c.matches("\\{\"type\":\"resize\",\"cols\":\\d+,\"rows\":\\d+}"))
			.count();
	}

	private static List<String> terminal(String login) {
		return List.of("sshpass", "-p", StandInManager.PASSWORD, "ssh", "-tt", "-p", Integer.toString(server().port()),
				"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "PubkeyAuthentication=no",
				"-o", "LogLevel=ERROR", login + "@127.0.0.1");
	}

	@Test
	void aUserWithoutSitesIsToldSoAndGetsNoShell() throws Exception {
		Result result = ssh("dave", StandInManager.PASSWORD, "127.0.0.1", "", null);
		assertThat(result.status()).isEqualTo(1);
		assertThat(result.err()).contains("You have no sites yet; create one in the portal.");
	}

	@Test
	void aDisabledSiteGivesTheManagersMessage() throws Exception {
		Result result = ssh("alice+closed", StandInManager.PASSWORD, "127.0.0.1", "", "ls");
		assertThat(result.status()).isEqualTo(1);
		assertThat(result.err()).contains("the site closed is disabled");
		Result menu = ssh("alice", StandInManager.PASSWORD, "127.0.0.1", "3\n", null);
		assertThat(menu.status()).isEqualTo(1);
		assertThat(menu.err()).contains("the site closed is disabled");
	}

	@Test
	void aCommandWithoutASiteUsesTheOnlyOneOrAsksForIt() throws Exception {
		Result several = ssh("alice", StandInManager.PASSWORD, "127.0.0.1", "", "ls");
		assertThat(several.status()).isEqualTo(1);
		assertThat(several.err()).contains("Say which site: ssh alice+<site>@host");
		Result one = ssh("carol", StandInManager.PASSWORD, "127.0.0.1", "", "exit 4");
		assertThat(one.status()).isEqualTo(4);
		assertThat(manager.grants).contains(new StandInManager.Grant("carol", "solo", "EXEC", "exit 4", false));
	}

	@Test
	void aBlockedUserIsDisconnectedWithTheMessage() throws Exception {
		Result result = ssh("bob", StandInManager.PASSWORD, "127.0.0.1", "", "exit 0");
		assertThat(result.status()).isNotZero();
		assertThat(result.out() + result.err()).contains("this account is blocked");
	}

	@Test
	void aUserLogsInWithHerKey() throws Exception {
		Path key = keyPair("login");
		Result result = run(keyCommand("ssh", "-p", key, List.of("alice+mysite@127.0.0.1", "exit 5")), "");
		assertThat(result.status()).as(result.toString()).isEqualTo(5);
		assertThat(manager.keyChecks).anyMatch(line -> line.startsWith(manager.aliceKey));
	}

	@Test
	void anUnknownKeyIsRefused() throws Exception {
		Path key = keyPair("login");
		Path other = dir.resolve("other-key");
		assertThat(run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", other.toString()), "").status())
			.isZero();
		Result result = run(keyCommand("ssh", "-p", other, List.of("alice+mysite@127.0.0.1", "exit 5")), "");
		assertThat(result.status()).as(result.toString()).isEqualTo(255);
		assertThat(key).exists();
	}

	@Test
	void sftpPutsAndGetsTheSitesFiles() throws Exception {
		Path key = keyPair("sftp");
		Files.writeString(StandInOrchestrator.sftpRoot.resolve("hello.txt"), "hello from the site\n");
		Path local = Files.writeString(dir.resolve("local.txt"), "uploaded by sftp\n");
		Path fetched = dir.resolve("fetched.txt");
		Path batch = Files.writeString(dir.resolve("batch"), "put " + local + " uploaded.txt\nget hello.txt "
				+ fetched + "\n");
		Result result = run(keyCommand("sftp", "-P", key, List.of("-b", batch.toString(), "alice+mysite@127.0.0.1")),
				"");
		assertThat(result.status()).as(result.toString()).isZero();
		assertThat(StandInOrchestrator.sftpRoot.resolve("uploaded.txt")).hasContent("uploaded by sftp");
		assertThat(fetched).hasContent("hello from the site");
		assertThat(manager.grants).contains(new StandInManager.Grant("alice", "mysite", "SFTP", null, false));
	}

	@Test
	void theHostKeyStaysTheSameAfterARestart() throws Exception {
		Path hostKey = dir.resolve("data/shell/host-key");
		assertThat(Files.getPosixFilePermissions(hostKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		String before = hostKeyOf(server().port());
		server().stop();
		assertThat(server().isRunning()).isFalse();
		server().start();
		String after = hostKeyOf(server().port());
		assertThat(before).startsWith("ecdsa-sha2-nistp256 ");
		assertThat(after).isEqualTo(before);
	}

	@Test
	void theHealthCheckAnswersOnTheLoopbackApiPort() throws Exception {
		int port = ((WebServerApplicationContext) shell).getWebServer().getPort();
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("UP");
	}

	private static String hostKeyOf(int port) throws Exception {
		Result scan = run(List.of("ssh-keyscan", "-p", Integer.toString(port), "-t", "ecdsa", "127.0.0.1"), "");
		String line = scan.out().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
		return line.substring(line.indexOf(' ') + 1);
	}

	private static synchronized Path keyPair(String name) throws Exception {
		Path key = dir.resolve("id-" + name);
		if (!Files.exists(key)) {
			assertThat(run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alice@laptop", "-f",
					key.toString()), "").status()).isZero();
		}
		String[] parts = Files.readString(Path.of(key + ".pub")).split(" ");
		manager.aliceKey = parts[0] + " " + parts[1];
		return key;
	}

	private static List<String> keyCommand(String program, String portFlag, Path key, List<String> rest) {
		List<String> command = new ArrayList<>(List.of(program, portFlag, Integer.toString(server().port()), "-i",
				key.toString(), "-o", "IdentitiesOnly=yes", "-o", "PasswordAuthentication=no", "-o", "BatchMode=yes",
				"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"));
		command.addAll(rest);
		return command;
	}

	@Test
	void theManagerAloneReadsTheLoginsAndConnectionsAsPrometheusText() throws Exception {
		assertThat(ssh("alice+mysite", StandInManager.PASSWORD, "127.0.0.1", "", "exit 0").status()).isZero();
		assertThat(ssh("alice+mysite", "not-the-password", "127.0.0.77", "", "exit 0").status()).isNotZero();
		int port = ((WebServerApplicationContext) shell).getWebServer().getPort();
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unsigned.statusCode()).isEqualTo(401);
		for (String caller : List.of("shell", "orchestrator")) {
			HttpRequest.Builder other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
			new RequestSigner(caller, SigningKey.of(KEY_TEXT)).headers("GET", "/metrics", new byte[0])
				.forEach(other::header);
			assertThat(http.send(other.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as(caller)
				.isEqualTo(401);
		}
		HttpRequest.Builder signed = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"));
		new RequestSigner("manager", SigningKey.of(KEY_TEXT)).headers("GET", "/metrics", new byte[0])
			.forEach(signed::header);
		HttpResponse<String> scraped = http.send(signed.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(scraped.statusCode()).as(scraped.body()).isEqualTo(200);
		Map<String, Double> samples = PrometheusText.parse(scraped.body());
		assertThat(samples.get("director_ssh_logins_total{method=password,result=accepted}")).isGreaterThanOrEqualTo(1);
		assertThat(samples.get("director_ssh_logins_total{method=password,result=refused}")).isGreaterThanOrEqualTo(1);
		assertThat(samples.get("director_ssh_sessions_started_total{mode=exec}")).isGreaterThanOrEqualTo(1);
		assertThat(samples).containsKey("director_ssh_connections_open{}");
		HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/health")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).as("the health check stays open").isEqualTo(200);
	}

	/** Runs ssh with a password from the given source address; a null command asks for a shell. */
	private static Result ssh(String login, String password, String from, String input, String command)
			throws Exception {
		List<String> args = new ArrayList<>(List.of("sshpass", "-p", password, "ssh", "-p",
				Integer.toString(server().port()), "-b", from, "-o", "StrictHostKeyChecking=no", "-o",
				"UserKnownHostsFile=/dev/null", "-o", "PubkeyAuthentication=no", "-o", "LogLevel=ERROR", "-T",
				login + "@127.0.0.1"));
		if (command != null) {
			args.add(command);
		}
		return run(args, input);
	}

	private static Result run(List<String> command, String input) throws Exception {
		Process process = new ProcessBuilder(command).start();
		CompletableFuture<String> out = read(process.getInputStream());
		CompletableFuture<String> err = read(process.getErrorStream());
		try (OutputStream in = process.getOutputStream()) {
			in.write(input.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// the program did not read its input
		}
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("timed out: " + command);
		}
		return new Result(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
	}

	private static CompletableFuture<String> read(InputStream stream) {
		return CompletableFuture.supplyAsync(() -> {
			try (stream) {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "";
			}
		});
	}

	/** What a program did. */
	record Result(int status, String out, String err) {
	}

}
