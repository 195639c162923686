package edu.tjhsst.director.manager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web terminal: its page, the checks of its channel's handshake, and the relay between a signed-in browser and
 * a stand-in for the orchestrator's terminal WebSocket, over real sockets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class TerminalIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(TerminalIntegrationTests.class);

	@RegisterExtension
	static final FakeTerminalServer TERMINALS = new FakeTerminalServer();

	private static final AtomicInteger SITES = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@Autowired
	UserRepository users;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		// The orchestrator here is the terminal stand-in; no shell server key is set.
		registry.add("director.orchestrator.url", TERMINALS::url);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "alice", "bob");
		TestAccounts.administrator(users, "root_admin");
	}

	/** A site of the user's, stored directly: the stand-in orchestrator here only serves terminals. */
	private long siteOf(String user, String name, String availability) {
		long id = jdbc.sql("insert into sites (name, description, type, availability) values (?, '', 'STATIC', ?) "
				+ "returning id").params(name + "-" + SITES.incrementAndGet(), availability).query(Long.class).single();
		jdbc.sql("insert into site_members (site_id, user_id) select ?, id from users where username = ?")
			.params(id, user).update();
		return id;
	}

	private String siteName(long id) {
		return jdbc.sql("select name from sites where id = ?").param(id).query(String.class).single();
	}

	private static MockHttpServletRequestBuilder upgrade(String path) {
		return get(path).header("Upgrade", "websocket").header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13");
	}

	/** What a terminal page receives: output as text, control messages prefixed with "text:", and "closed". */
	private static final class Page implements WebSocket.Listener {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		@Override
		public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
			received.add(StandardCharsets.UTF_8.decode(data).toString());
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			received.add("text:" + data);
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
			received.add("closed");
			return null;
		}

		String next() throws InterruptedException {
			return Await.next("the next message to the page", Duration.ofSeconds(15), received);
		}

	}

	private WebSocket open(HttpClient http, long siteId, Page page) throws Exception {
		return http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + port + "/live/terminal?site=" + siteId), page)
			.get(10, TimeUnit.SECONDS);
	}

	@Test
	void theSitePageHasATerminalButtonAndTheTerminalPageLoadsXtermFromThePortal() throws Exception {
		long id = siteOf("alice", "with-terminal", "ENABLED");
		String detail = mvc.perform(get("/sites/" + id).with(as("alice"))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(detail).contains("href=\"/sites/" + id + "/terminal\"");
		String page = mvc.perform(get("/sites/" + id + "/terminal").with(as("alice"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"terminal\"").contains("data-site-id=\"" + id + "\"")
			.contains("/js/terminal.js").contains("xterm.js").contains("xterm-addon-fit.js").doesNotContain("<script>");
		mvc.perform(get("/webjars/xterm/lib/xterm.js")).andExpect(status().isOk());
		mvc.perform(get("/webjars/xterm-addon-fit/lib/xterm-addon-fit.js")).andExpect(status().isOk());
		mvc.perform(get("/webjars/xterm/css/xterm.css")).andExpect(status().isOk());
		mvc.perform(get("/js/terminal.js")).andExpect(status().isOk());
		mvc.perform(get("/sites/" + id + "/terminal").with(as("bob"))).andExpect(status().isNotFound());
	}

	@Test
	void theTerminalChannelRefusesOtherUsersAndADisabledSiteBeforeAnyGrant() throws Exception {
		long alices = siteOf("alice", "mine", "ENABLED");
		long disabled = siteOf("alice", "off", "DISABLED");
		int grants = TERMINALS.grants.size();
		mvc.perform(upgrade("/live/terminal?site=" + alices).with(as("bob"))).andExpect(status().isNotFound());
		mvc.perform(upgrade("/live/terminal?site=" + disabled).with(as("alice"))).andExpect(status().isForbidden());
		mvc.perform(upgrade("/live/terminal?site=nope").with(as("alice"))).andExpect(status().isBadRequest());
		assertThat(mvc.perform(get("/sites/" + disabled + "/terminal").with(as("alice"))).andReturn().getResponse()
			.getContentAsString()).contains("id=\"terminal-refused\"").doesNotContain("/js/terminal.js");
		// Not signed in: no channel at all.
		assertThatThrownBy(() -> open(HttpClient.newHttpClient(), alices, new Page()))
			.isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
		// Another site's page may not open it either (Spring's same-origin check).
		HttpClient alice = SignedInBrowser.signIn(port, "alice");
		assertThatThrownBy(() -> alice.newWebSocketBuilder().header("Origin", "http://evil.example")
			.buildAsync(URI.create("ws://localhost:" + port + "/live/terminal?site=" + alices), new Page())
			.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(WebSocketHandshakeException.class);
		assertThat(TERMINALS.grants.size()).isEqualTo(grants);
	}

	@Test
	void aShellIsRelayedBothWaysAndEndsWithItsExitStatus() throws Exception {
		long id = siteOf("alice", "shell", "ENABLED");
		TERMINALS.grants.clear();
		TERMINALS.controls.clear();
		Page page = new Page();
		WebSocket socket = open(SignedInBrowser.signIn(port, "alice"), id, page);
		// The page sends its size at once, likely before the orchestrator's side is open: it must not be lost.
		socket.sendText("{\"type\":\"resize\",\"cols\":120,\"rows\":40}", true).join();
		assertThat(page.next()).isEqualTo("welcome to " + siteName(id) + "\r\n");
		assertThat(Await.next("the first resize at the orchestrator", Duration.ofSeconds(10), TERMINALS.controls))
			.isEqualTo("{\"type\":\"resize\",\"cols\":120,\"rows\":40}");
		TerminalGrant grant = Await.next("the grant at the orchestrator", Duration.ofSeconds(5), TERMINALS.grants);
		assertThat(grant.siteId()).isEqualTo(id);
		assertThat(grant.user()).isEqualTo("alice");
		assertThat(grant.mode()).isEqualTo(TerminalMode.SHELL);
		assertThat(grant.tty()).isTrue();
		assertThat(grant.image()).isEqualTo(
				jdbc.sql("select base_image from runtimes where name = 'plain'").query(String.class).single());

		socket.sendText("{\"type\":\"resize\",\"cols\":100,\"rows\":30}", true).join();
		assertThat(Await.next("the second resize at the orchestrator", Duration.ofSeconds(10), TERMINALS.controls))
			.isEqualTo("{\"type\":\"resize\",\"cols\":100,\"rows\":30}");
		socket.sendText("{\"type\":\"input\",\"data\":\"ls -la\\r\"}", true).join();
		assertThat(page.next()).isEqualTo("ls -la\r");
		socket.sendText("{\"type\":\"input\",\"data\":\"h\u00e9llo\"}", true).join();
		assertThat(page.next()).isEqualTo("h\u00e9llo");

		socket.sendText("{\"type\":\"input\",\"data\":\"exit\\r\"}", true).join();
		assertThat(page.next()).isEqualTo("text:{\"type\":\"exit\",\"code\":3}");
		assertThat(page.next()).isEqualTo("closed");
	}

	@Test
	void closingThePageClosesTheOrchestratorsSide() throws Exception {
		long id = siteOf("alice", "leave", "ENABLED");
		Page page = new Page();
		WebSocket socket = open(SignedInBrowser.signIn(port, "alice"), id, page);
		assertThat(page.next()).startsWith("welcome");
		TERMINALS.endings.clear();
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "tab closed").join();
		assertThat(Await.next("the end of the session at the orchestrator", Duration.ofSeconds(10), TERMINALS.endings)).isIn("closed", "eof");
	}

	@Test
	void whenTheOrchestratorsSideGoesThePageIsClosedToo() throws Exception {
		long id = siteOf("alice", "dropped", "ENABLED");
		Page page = new Page();
		WebSocket socket = open(SignedInBrowser.signIn(port, "alice"), id, page);
		assertThat(page.next()).startsWith("welcome");
		socket.sendText("{\"type\":\"input\",\"data\":\"drop\\r\"}", true).join();
		assertThat(page.next())
			.isEqualTo("text:{\"type\":\"error\",\"message\":\"The connection to the app server was lost.\"}");
		assertThat(page.next()).isEqualTo("closed");
	}

	@Test
	void aMalformedMessageFromThePageEndsTheSessionWithAnError() throws Exception {
		long id = siteOf("alice", "garbled", "ENABLED");
		Page page = new Page();
		WebSocket socket = open(SignedInBrowser.signIn(port, "alice"), id, page);
		assertThat(page.next()).startsWith("welcome");
		TERMINALS.endings.clear();
		socket.sendText("{\"type\":\"resize\",\"cols\":100000,\"rows\":1}", true).join();
		assertThat(page.next()).startsWith("text:{\"type\":\"error\"");
		assertThat(page.next()).isEqualTo("closed");
		assertThat(Await.next("the end of the session at the orchestrator", Duration.ofSeconds(10), TERMINALS.endings)).isIn("closed", "eof");
	}

	@Test
	void anAdministratorHasADisabledSitesTerminalPageAndOpensItsTerminal() throws Exception {
		long id = siteOf("alice", "admin-only", "DISABLED");
		RequestPostProcessor admin = SecurityMockMvcRequestPostProcessors.user("root_admin").roles("ADMIN");
		assertThat(mvc.perform(get("/sites/" + id + "/terminal").with(admin)).andReturn().getResponse()
			.getContentAsString()).contains("/js/terminal.js").doesNotContain("id=\"terminal-refused\"");
		Page page = new Page();
		WebSocket socket = open(SignedInBrowser.signIn(port, "root_admin"), id, page);
		assertThat(page.next()).startsWith("welcome");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
	}

	@Test
	void whenTheOrchestratorRefusesTheTerminalThePageIsToldAndClosed() throws Exception {
		long id = jdbc.sql("insert into sites (name, description, type) values (?, '', 'STATIC') returning id")
			.param("refused-" + SITES.incrementAndGet()).query(Long.class).single();
		jdbc.sql("insert into site_members (site_id, user_id) select ?, id from users where username = 'alice'")
			.param(id).update();
		Page page = new Page();
		open(SignedInBrowser.signIn(port, "alice"), id, page);
		assertThat(page.next()).isEqualTo(
				"text:{\"type\":\"error\",\"message\":\"The app server did not open the terminal; try again.\"}");
		assertThat(page.next()).isEqualTo("closed");
	}

	@Test
	void withoutAShellServerKeyTheShellServerApiRefusesEveryCall() throws Exception {
		ShellServerCalls calls = new ShellServerCalls(port, new ObjectMapper());
		assertThat(calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "alice", "password", "password-alice")).statusCode()).isEqualTo(401);
	}

}
