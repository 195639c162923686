package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.requireImages;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.terminal.TerminalFrames;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.DockerTest;
import edu.tjhsst.director.orchestrator.DockerCommands.Result;

/**
 * Terminal sessions against the real Docker engine: shells, commands and SFTP over the signed WebSocket, in each
 * site's hardened terminal container (unique site ids, a temporary data root), which is removed when idle; everything
 * made here is removed afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@DockerTest
class TerminalDockerTests {

	private static final String IMAGE = "director/runtime-plain:3";

	private static final String SHELL_KEY = "shell-test-key-0123456789abcdefghijklmnop";

	private static final Path DATA = DockerCommands.temporaryDirectory("director-terminal-test");

	/** Container names hold site ids and are shared by every run: pick a range no one else uses. */
	private static final long BASE_ID = 3_900_000 + ThreadLocalRandom.current().nextLong(90_000) * 10;

	private static final SiteLimits LIMITS = new SiteLimits(250L, 128L, 64L);

	private static final TerminalTokens MINTER = new TerminalTokens(SigningKey.of(TestHttp.KEY));

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Each terminal joins its site's own network, named after this run's sites network: none is shared with another run. */
	private static final String NETWORK = "tt-" + UUID.randomUUID().toString().substring(0, 8) + "-sites";

	/** How long a terminal's container and processes may take to come and go. */
	static final Duration SETTLE = Duration.ofSeconds(45);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("director.data", DATA::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.shell-key", () -> SHELL_KEY);
		registry.add("director.appserver.bootstrap", () -> "false");
		registry.add("director.appserver.service", () -> "tt-no-such-service");
		registry.add("director.appserver.network", () -> NETWORK);
		registry.add("director.terminal.idle", () -> "4s");
		// Pinged often, so that a session that outlives a few pings shows the client's pongs are counted.
		registry.add("director.terminal.heartbeat", () -> "1s");
	}

	@BeforeAll
	static void runtimeImage() throws Exception {
		requireImages(IMAGE);
	}

	@AfterAll
	static void removeDockerObjects() throws Exception {
		try {
			for (long id = BASE_ID; id < BASE_ID + 10; id++) {
				run(DOCKER, "rm", "-f", "site_" + id + "_terminal");
			}
			try (DockerClient docker = DockerCommands.docker()) {
				DockerSwarmFixture.removeNetworks(docker, NETWORK);
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(DATA);
		}
	}

	@Test
	void aShellOnATerminalRunsAsTheSitesOwnNamedUserWithItsPromptAndFollowsResizes() throws Exception {
		long id = site(BASE_ID + 1);
		Session shell = open(token(grant(id, TerminalMode.SHELL, null, true)));

		shell.text("{\"type\":\"resize\",\"cols\":97,\"rows\":31}");
		assertThat(shell.awaitOut("alice@termsite:/site$ ")).as("the prompt").contains("alice@termsite:/site$ ");
		shell.input("echo $((6*7))\n");
		assertThat(shell.awaitOut("42")).contains("42");
		// The site's own uid, which its account file names: no "I have no name!".
		int uid = SiteUsers.uid(id);
		shell.input("echo uid=$(id -u) gid=$(id -g) \"$(id)\" me=$(whoami) homes: ~ ~site\n");
		String who = "uid=" + uid + " gid=" + uid + " uid=" + uid + "(site) gid=" + uid + "(site) groups=" + uid
				+ "(site) me=site homes: /site/.home /site/.home";
		assertThat(shell.awaitOut(who)).contains(who);
		shell.input("echo size=$(stty size)\n");
		assertThat(shell.awaitOut("size=31 97")).contains("size=31 97");
		// No wait between the two: the orchestrator handles a socket's messages in order, and has the engine resize
		// the terminal before it reads the next one, so the command below already runs on the new size.
		shell.text("{\"type\":\"resize\",\"cols\":120,\"rows\":40}");
		shell.input("echo size=$(stty size) term=$TERM\n");
		assertThat(shell.awaitOut("size=40 120 term=xterm-256color")).contains("size=40 120 term=xterm-256color");
		// The client's pongs keep the session open: once an interval the orchestrator pings, or closes the session
		// when its last pong is more than three intervals old, so a client that did not answer would get at most
		// three pings; a fourth shows that its answers were counted.
		assertThat(Await.value("a fourth ping, which a client whose pongs were not counted would not get", SETTLE,
				shell::pings, pings -> pings >= 4)).isGreaterThanOrEqualTo(4);
		shell.input("exit 0\n");

		assertThat(shell.awaitExit()).isEqualTo("{\"type\":\"exit\",\"code\":0}");
		assertThat(shell.closeCode()).isEqualTo(1000);
		assertThat(shell.stderr()).isEmpty();
	}

	@Test
	void aCommandWithoutATerminalKeepsItsStreamsApartAndReportsItsExitCodeInTheGrantsSite() throws Exception {
		long id = site(BASE_ID + 2);
		Session command = open(token(grant(id, TerminalMode.EXEC, "echo out; echo err >&2; exit 3", false)));
		assertThat(command.awaitExit()).isEqualTo("{\"type\":\"exit\",\"code\":3}");
		assertThat(command.stdout()).isEqualTo("out\n");
		assertThat(command.stderr()).isEqualTo("err\n");
		assertThat(command.closeCode()).isEqualTo(1000);

		Session environment = open(token(grant(id, TerminalMode.EXEC,
				"echo \"$DIRECTOR_SITE_ID $DIRECTOR_SITE_NAME $USER $HOME $(pwd) $(hostname) tty=${TERM:-none}\"", false)));
		assertThat(environment.awaitExit()).contains("\"code\":0");
		assertThat(environment.stdout())
			.isEqualTo(id + " termsite alice /site/.home /site termsite tty=none\n");
		JsonNode container = inspect("site_" + id + "_terminal");
		assertThat(container.at("/Config/Labels/director.site").asText()).isEqualTo(Long.toString(id));
		assertThat(container.at("/Config/Labels/director.role").asText()).isEqualTo("terminal");

		// The end of the input reaches the process, which then finishes.
		Session counting = open(token(grant(id, TerminalMode.EXEC, "wc -c", false)));
		counting.input("hello");
		counting.text("{\"type\":\"eof\"}");
		assertThat(counting.awaitExit()).contains("\"code\":0");
		assertThat(counting.stdout().strip()).isEqualTo("5");
	}

	@Test
	void sftpAnswersTheInitPacketWithItsVersion() throws Exception {
		long id = site(BASE_ID + 3);
		Session sftp = open(token(grant(id, TerminalMode.SFTP, null, false)));
		// SSH_FXP_INIT: uint32 length 5, byte 1, uint32 version 3.
		sftp.ws.sendBinary(ByteBuffer.wrap(new byte[] { 0, 0, 0, 5, 1, 0, 0, 0, 3 }), true).get(10, TimeUnit.SECONDS);

		byte[] reply = sftp.awaitStdoutBytes(9);
		ByteBuffer packet = ByteBuffer.wrap(reply);
		int length = packet.getInt();
		assertThat(length).isBetween(5, 4096);
		assertThat(packet.get()).as("SSH_FXP_VERSION").isEqualTo((byte) 2);
		assertThat(packet.getInt()).as("version").isEqualTo(3);

		// SSH_FXP_REALPATH of "." (id 1): sftp-server starts in the site's directory.
		ByteBuffer realpath = ByteBuffer.allocate(4 + 1 + 4 + 4 + 1).putInt(10).put((byte) 16).putInt(1).putInt(1)
			.put((byte) '.').flip();
		int before = 4 + length;
		assertThat(sftp.awaitStdoutBytes(before)).as("the whole version packet").hasSize(before);
		sftp.ws.sendBinary(realpath, true).get(10, TimeUnit.SECONDS);
		byte[] more = sftp.awaitStdoutBytes(before + 4 + 1 + 4 + 4 + 4 + "/site".length());
		ByteBuffer name = ByteBuffer.wrap(more, before, more.length - before);
		name.getInt();
		assertThat(name.get()).as("SSH_FXP_NAME").isEqualTo((byte) 104);
		assertThat(name.getInt()).as("request id").isEqualTo(1);
		assertThat(name.getInt()).as("names").isEqualTo(1);
		byte[] path = new byte[name.getInt()];
		name.get(path);
		assertThat(new String(path, StandardCharsets.UTF_8)).isEqualTo("/site");
		sftp.ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
	}

	@Test
	void refusedTokensAndSignaturesTouchNoContainer() throws Exception {
		long id = site(BASE_ID + 4);
		TerminalGrant expired = new TerminalGrant(id, "termsite", "alice", TerminalMode.EXEC, "true", false, IMAGE,
				LIMITS, Instant.now().minusSeconds(30), TerminalTokens.nonce());
		assertThat(handshake(token(expired), true)).isEqualTo(new TestHttp.Response(403, "terminal token expired"));

		String forged = new TerminalTokens(SigningKey.of("another-key-0123456789abcdefghijklmnopqrs"))
			.mint(grant(id, TerminalMode.SHELL, null, true));
		assertThat(handshake(forged, true))
			.isEqualTo(new TestHttp.Response(403, "terminal token signature does not match"));

		TestHttp.Response unsigned = handshake(token(grant(id, TerminalMode.SHELL, null, true)), false);
		assertThat(unsigned.status()).isEqualTo(401);
		assertThat(unsigned.body()).contains("request is not signed");

		assertThat(handshake("", true)).isEqualTo(new TestHttp.Response(403, "no terminal token"));
		assertThat(run(DOCKER, "container", "inspect", "site_" + id + "_terminal").exitCode())
			.as("no terminal container was made").isNotZero();

		// A token works once; the same token again is refused, through the JDK's client too.
		long other = site(BASE_ID + 5);
		String once = token(grant(other, TerminalMode.EXEC, "true", false));
		assertThat(open(once).awaitExit()).contains("\"code\":0");
		assertThat(handshake(once, true)).isEqualTo(new TestHttp.Response(403, "terminal token already used"));
		ExecutionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
				() -> connect(once, signature("manager", TestHttp.KEY, once)), ExecutionException.class);
		assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
		assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(403);
	}

	@Test
	void aSiteWithoutFilesHereGetsAnErrorAndNoContainer() throws Exception {
		long id = BASE_ID + 9;
		Session session = open(token(grant(id, TerminalMode.SHELL, null, true)));
		assertThat(session.awaitExit())
			.isEqualTo("{\"type\":\"error\",\"message\":\"the site's files are not on this server\"}");
		assertThat(session.closeCode()).isEqualTo(1011);
		assertThat(exitCode(DOCKER, "container", "inspect", "site_" + id + "_terminal")).isNotZero();
	}

	@Test
	void theShellServerMayOpenTerminalsButNothingElse() throws Exception {
		long id = site(BASE_ID + 6);
		String token = token(grant(id, TerminalMode.EXEC, "echo via-shell", false));
		Session session = new Session(connect(token, signature("shell", SHELL_KEY, token)));
		assertThat(session.awaitExit()).contains("\"code\":0");
		assertThat(session.stdout()).isEqualTo("via-shell\n");

		String path = "/sites/" + id + "/process";
		TestHttp.Response other = new TestHttp(port).send("GET", path, "",
				new RequestSigner("shell", SigningKey.of(SHELL_KEY)).headers("GET", path, new byte[0]));
		assertThat(other.status()).isEqualTo(401);
		assertThat(other.body()).contains("caller may not use this path");
	}

	@Test
	void closingTheSocketEndsTheCommandAndAllItStartedAndTheIdleHardenedContainerGoes() throws Exception {
		long id = site(BASE_ID + 7);
		String name = "site_" + id + "_terminal";
		Session session = open(token(grant(id, TerminalMode.EXEC, "sh -c 'sleep 300' & sleep 300", false)));
		assertThat(Await.value("both sleeps running in " + name, SETTLE, () -> sleepers(name), count -> count == 2))
			.as("sleeps started").isEqualTo(2);

		session.ws.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
		assertThat(Await.value("no sleep left in " + name + " once the socket closed", SETTLE, () -> sleepers(name),
				count -> count == 0)).as("sleeps left in the container").isZero();

		JsonNode container = inspect(name);
		assertThat(container.at("/Config/User").asText()).isEqualTo(SiteUsers.uid(id) + ":" + SiteUsers.uid(id));
		assertThat(container.at("/HostConfig/ReadonlyRootfs").asBoolean()).isTrue();
		assertThat(container.at("/HostConfig/CapDrop").toString()).isEqualTo("[\"ALL\"]");
		assertThat(container.at("/HostConfig/SecurityOpt").toString()).isEqualTo("[\"no-new-privileges\"]");
		assertThat(container.at("/HostConfig/Privileged").asBoolean()).isFalse();
		assertThat(container.at("/HostConfig/PidsLimit").asLong()).isEqualTo(64);
		assertThat(container.at("/HostConfig/Memory").asLong()).isEqualTo(128L * 1024 * 1024);
		assertThat(container.at("/HostConfig/NanoCpus").asLong()).isEqualTo(250_000_000L);
		// The subvolume guard is its first process, in place of Docker's init: its filter and Docker's, two.
		assertThat(container.at("/HostConfig/Init").asBoolean()).isFalse();
		assertThat(DockerCommands.output(DockerCommands.DOCKER, "exec", name, "grep", "Seccomp_filters",
				"/proc/1/status")).isEqualTo("Seccomp_filters:\t2\n");
		assertThat(container.at("/HostConfig/Tmpfs").toString()).contains("\"/tmp\"").contains("\"/run\"");
		assertThat(container.at("/Mounts").toString()).contains("\"Destination\":\"/site\"")
			.contains("\"RW\":true").doesNotContain("docker.sock");
		for (String file : new String[] { "/etc/passwd", "/etc/group" }) {
			assertThat(container.at("/Mounts")).as(file)
				.anySatisfy(mount -> assertThat(mount.toString()).contains("\"Destination\":\"" + file + "\"")
					.contains("\"RW\":false"));
		}

		assertThat(Await.value("the idle container " + name + " to be removed", SETTLE,
				() -> exitCode(DOCKER, "container", "inspect", name), code -> code != 0))
			.as("the idle container is removed").isNotZero();
	}

	@Test
	void aContainerIsReusedAndReplacedForNewLimitsOnlyOnceNoSessionUsesIt(CapturedOutput log) throws Exception {
		long id = site(BASE_ID + 8);
		String name = "site_" + id + "_terminal";
		Session first = open(token(grant(id, TerminalMode.EXEC, "true", false)));
		assertThat(first.awaitExit()).contains("\"code\":0");
		String original = inspect(name).get("Id").asText();

		Session holding = open(token(grant(id, TerminalMode.EXEC, "sleep 30", false)));
		TerminalGrant bigger = new TerminalGrant(id, "termsite", "alice", TerminalMode.EXEC, "echo more", false, IMAGE,
				new SiteLimits(500L, 256L, 128L), MINTER.expiry(), TerminalTokens.nonce());
		Session meanwhile = open(token(bigger));
		assertThat(meanwhile.awaitExit()).contains("\"code\":0");
		assertThat(inspect(name).get("Id").asText()).as("kept while a session uses it").isEqualTo(original);

		holding.ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
		holding.closeCode();
		// The orchestrator answers the close before it ends the session; it counts the container as unused once it
		// has, and says so in its log (the only session of this site that ends without an exit code).
		Await.until("the orchestrator's log that the holding session of site " + id + " ended", SETTLE,
				() -> log.getOut().lines().anyMatch(line -> line.contains("terminal session ended: site " + id + " (")
						&& line.contains("no exit code")));
		Session after = open(token(new TerminalGrant(id, "termsite", "alice", TerminalMode.EXEC, "echo more", false,
				IMAGE, new SiteLimits(500L, 256L, 128L), MINTER.expiry(), TerminalTokens.nonce())));
		assertThat(after.awaitExit()).contains("\"code\":0");
		JsonNode replaced = inspect(name);
		assertThat(replaced.get("Id").asText()).as("replaced once unused").isNotEqualTo(original);
		assertThat(replaced.at("/HostConfig/Memory").asLong()).isEqualTo(256L * 1024 * 1024);
	}

	private long site(long id) throws IOException {
		Path site = DATA.resolve("sites/" + id);
		Files.createDirectories(site.resolve(".home"));
		// As a converge leaves them.
		for (Path dir : new Path[] { site, site.resolve(".home") }) {
			Files.setAttribute(dir, "unix:uid", SiteUsers.uid(id));
			Files.setAttribute(dir, "unix:gid", SiteUsers.uid(id));
		}
		return id;
	}

	private static TerminalGrant grant(long id, TerminalMode mode, String command, boolean tty) {
		return new TerminalGrant(id, "termsite", "alice", mode, command, tty, IMAGE, LIMITS, MINTER.expiry(),
				TerminalTokens.nonce());
	}

	private static String token(TerminalGrant grant) {
		return MINTER.mint(grant);
	}

	private static String path(String token) {
		return TerminalFrames.PATH + "?" + TerminalFrames.TOKEN_PARAMETER + "=" + token;
	}

	private static Map<String, String> signature(String caller, String key, String token) {
		return new RequestSigner(caller, SigningKey.of(key)).headers("GET", path(token), new byte[0]);
	}

	private Session open(String token) throws Exception {
		return open(port, token);
	}

	/** A session opened on the orchestrator at this port, signed as the manager. */
	static Session open(int port, String token) throws Exception {
		return new Session(connect(port, token, signature("manager", TestHttp.KEY, token)));
	}

	private Listener connect(String token, Map<String, String> headers) throws Exception {
		return connect(port, token, headers);
	}

	private static Listener connect(int port, String token, Map<String, String> headers) throws Exception {
		Listener listener = new Listener();
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		headers.forEach(builder::header);
		listener.ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path(token)), listener)
			.get(60, TimeUnit.SECONDS);
		return listener;
	}

	/** A raw WebSocket handshake, to read a refusal's status and body. */
	private TestHttp.Response handshake(String token, boolean signed) throws IOException {
		String path = path(token);
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
		if (signed) {
			signature("manager", TestHttp.KEY, token).forEach((name, value) -> request.append(name + ": " + value + "\r\n"));
		}
		request.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int next = in.read();
				if (next < 0) {
					break;
				}
				head.write(next);
			}
			String headers = head.toString(StandardCharsets.ISO_8859_1);
			int status = Integer.parseInt(headers.substring(9, 12));
			int length = headers.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
				.map(line -> Integer.parseInt(line.substring(15).strip())).findFirst().orElse(0);
			return new TestHttp.Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
		}
	}

	/** How many {@code sleep 300} (not the shell that started them) run in the container, -1 if it is gone, by the host's view of its processes. */
	static int sleepers(String container) {
		try {
			Result top = run(DOCKER, "top", container, "-eo", "pid,args");
			if (top.exitCode() != 0) {
				return -1;
			}
			return (int) top.output().lines().filter(line -> line.strip().matches("[0-9]+\\s+sleep 300")).count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode inspect(String container) throws Exception {
		Result result = run(DOCKER, "container", "inspect", container);
		assertThat(result.exitCode()).as(result.output()).isZero();
		return JSON.readTree(result.output()).get(0);
	}

	private static int exitCode(String... command) {
		try {
			return run(command).exitCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Collects what the orchestrator sends on one terminal WebSocket. */
	static final class Listener implements WebSocket.Listener {

		WebSocket ws;

		private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

		private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

		private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

		private final StringBuilder partialText = new StringBuilder();

		private final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();

		private final CompletableFuture<Integer> closed = new CompletableFuture<>();

		/** The pings received; the JDK's client answers each with a pong of its own accord. */
		private final AtomicInteger pings = new AtomicInteger();

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			synchronized (this) {
				partial.writeBytes(bytes);
				if (last) {
					byte[] frame = partial.toByteArray();
					partial.reset();
					(frame[0] == TerminalFrames.STDERR ? stderr : stdout).write(frame, 1, frame.length - 1);
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partialText.append(data);
			if (last) {
				texts.add(partialText.toString());
				partialText.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			pings.incrementAndGet();
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.completeExceptionally(error);
		}

	}

	/** One open terminal session, as a test drives it. */
	static final class Session {

		final WebSocket ws;

		private final Listener listener;

		Session(Listener listener) {
			this.listener = listener;
			this.ws = listener.ws;
		}

		void input(String text) throws Exception {
			ws.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).get(10, TimeUnit.SECONDS);
		}

		void text(String json) throws Exception {
			ws.sendText(json, true).get(10, TimeUnit.SECONDS);
		}

		String stdout() {
			synchronized (listener) {
				return listener.stdout.toString(StandardCharsets.UTF_8);
			}
		}

		String stderr() {
			synchronized (listener) {
				return listener.stderr.toString(StandardCharsets.UTF_8);
			}
		}

		int pings() {
			return listener.pings.get();
		}

		/** Standard output once it contains a text. */
		String awaitOut(String text) {
			return Await.value("\"" + text + "\" on the terminal's standard output", Duration.ofSeconds(30),
					this::stdout, out -> out.contains(text));
		}

		/** Standard output once it has at least {@code count} bytes. */
		byte[] awaitStdoutBytes(int count) {
			return Await.value(count + " bytes of standard output", Duration.ofSeconds(30), () -> {
				synchronized (listener) {
					return listener.stdout.toByteArray();
				}
			}, bytes -> bytes.length >= count);
		}

		/** The first control message, which ends a session. */
		String awaitExit() {
			try {
				return Await.next("the session's exit or error message", Duration.ofSeconds(60), listener.texts);
			}
			catch (AssertionError ex) {
				throw new AssertionError(ex.getMessage() + "; output: " + stdout() + stderr(), ex);
			}
		}

		/** The close code the orchestrator sent. */
		int closeCode() throws Exception {
			Await.until("the orchestrator's close of the WebSocket", Duration.ofSeconds(10), listener.closed::isDone);
			return listener.closed.get();
		}

	}

}
