package edu.tjhsst.director.manager;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.common.signing.RequestSigner;
import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.manager.user.Role;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The "SSH keys" page and the signed {@code /shell-server/**} API the SSH shell server calls: sign-in by password or
 * key, a user's sites, and terminal grants, over real HTTP with real signatures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ShellAccessIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(ShellAccessIntegrationTests.class);

	static final String SHELL_KEY = "shell-test-key-0123456789-0123456789-abcdef";

	private static final AtomicInteger SITES = new AtomicInteger();

	@TempDir
	static Path keyDir;

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@Autowired
	UserRepository users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		registry.add("director.shell.key", () -> SHELL_KEY);
		registry.add("director.shell.port", () -> "2299");
	}

	@BeforeEach
	void accounts() {
		for (String name : List.of("alice", "bob", "carol", "erin")) {
			if (!users.existsByUsername(name)) {
				users.create(name, name + "@school.example", name, Role.STUDENT, encoder.encode("password-" + name));
			}
		}
		if (!users.existsByUsername("mallory")) {
			users.create("mallory", "m@school.example", "Mallory", Role.STUDENT, encoder.encode("password-mallory"));
			jdbc.sql("update users set enabled = false where username = 'mallory'").update();
		}
		if (!users.existsByUsername("root_admin")) {
			users.create("root_admin", "r@school.example", "Admin", Role.ADMIN, encoder.encode("password-root"));
		}
	}

	/** A new site of the user's, named after the test. */
	private String siteOf(String user, String name) throws Exception {
		String siteName = name + "-" + SITES.incrementAndGet();
		mvc.perform(post("/sites/new").param("name", siteName).param("description", "d").with(as(user)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		return siteName;
	}

	private static String keygen(String name) throws IOException, InterruptedException {
		Path file = keyDir.resolve(name);
		Process process = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@laptop",
				"-f", file.toString()).redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		assertThat(process.waitFor()).isZero();
		return Files.readString(keyDir.resolve(name + ".pub")).strip();
	}

	private static String fingerprint(String name) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("ssh-keygen", "-lf", keyDir.resolve(name + ".pub").toString()).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isZero();
		return output.split(" ")[1];
	}

	private long keyCount(String username) {
		return jdbc.sql("select count(*) from ssh_keys k join users u on u.id = k.user_id where u.username = ?")
			.param(username).query(Long.class).single();
	}

	/** A call to the shell server's API, signed as the given caller with the given key (or not at all). */
	private HttpResponse<String> call(String method, String path, Object body, String caller, String key)
			throws Exception {
		byte[] bytes = body == null ? new byte[0] : json.writeValueAsBytes(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (caller != null) {
			new RequestSigner(caller, SigningKey.of(key)).headers(method, path, bytes).forEach(request::header);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> shell(String method, String path, Object body) throws Exception {
		return call(method, path, body, "shell", SHELL_KEY);
	}

	private JsonNode body(HttpResponse<String> response) throws IOException {
		return json.readTree(response.body());
	}

	// The SSH keys page.

	@Test
	void everySignedInUserHasTheSshKeysPageInTheNavigationWithConnectInstructions() throws Exception {
		String site = siteOf("erin", "erins");
		mvc.perform(get("/sites").with(as("erin"))).andExpect(content().string(
				org.hamcrest.Matchers.containsString("href=\"/account/ssh-keys\"")));
		String page = mvc.perform(get("/account/ssh-keys").with(as("erin")).with(request -> {
			request.setServerName("portal.school.example");
			return request;
		})).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("ssh erin@portal.school.example -p 2299")
			.contains("ssh erin+" + site + "@portal.school.example -p 2299").contains("No keys yet");
		String spoofed = mvc.perform(get("/account/ssh-keys").with(as("erin")).with(request -> {
			request.setServerName("evil\"<script>");
			return request;
		})).andReturn().getResponse().getContentAsString();
		assertThat(spoofed).contains("ssh erin@localhost -p 2299").doesNotContain("evil");
	}

	@Test
	void aKeyIsAddedWithItsFingerprintListedAndRemovedAgain() throws Exception {
		String line = keygen("alice-laptop");
		mvc.perform(post("/account/ssh-keys").param("key", line).with(as("alice")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		String page = mvc.perform(get("/account/ssh-keys").with(as("alice"))).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains(fingerprint("alice-laptop")).contains("ssh-ed25519").contains("alice-laptop@laptop");
		long id = jdbc.sql("select k.id from ssh_keys k join users u on u.id = k.user_id where u.username = 'alice' "
				+ "and k.fingerprint = ?").param(fingerprint("alice-laptop")).query(Long.class).single();

		// Another student cannot remove it, and nobody can without the CSRF token.
		mvc.perform(post("/account/ssh-keys/" + id + "/delete").with(as("bob")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/account/ssh-keys/" + id + "/delete").with(as("alice"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from ssh_keys where id = ?").param(id).query(Long.class).single()).isOne();

		mvc.perform(post("/account/ssh-keys/" + id + "/delete").with(as("alice")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from ssh_keys where id = ?").param(id).query(Long.class).single()).isZero();
	}

	@Test
	void badKeysAndDuplicatesGetAMessageAndNothingIsSaved() throws Exception {
		String line = keygen("bob-laptop");
		mvc.perform(post("/account/ssh-keys").param("key", line).with(as("bob")).with(csrf()));
		long before = keyCount("bob");
		Map<String, String> bad = Map.of(
				line, "You added this key already",
				"ssh-dss AAAAB3NzaC1kc3MAAACBAP", "accepts ssh-ed25519",
				"ssh-rsa " + line.split(" ")[1], "ssh-ed25519 inside",
				"ssh-ed25519 not*base64", "not valid base64",
				"", "Paste a public key",
				line.split(" ")[0] + " " + line.split(" ")[1] + " ring\u0007", "printable");
		for (Map.Entry<String, String> entry : bad.entrySet()) {
			String page = mvc.perform(post("/account/ssh-keys").param("key", entry.getKey()).with(as("bob")).with(csrf()))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			assertThat(page).as(entry.getKey()).contains("id=\"ssh-key-error\"").contains(entry.getValue());
		}
		assertThat(keyCount("bob")).isEqualTo(before);
		mvc.perform(post("/account/ssh-keys").param("key", keygen("bob-other")).with(as("bob")))
			.andExpect(status().isForbidden());
		assertThat(keyCount("bob")).isEqualTo(before);
	}

	// The shell server's API: who may call it.

	@Test
	void unsignedCallsAndCallsSignedByAnyoneButTheShellServerGet401() throws Exception {
		Map<String, String> body = Map.of("username", "alice", "password", "password-alice", "address", "10.0.0.1");
		assertThat(call("POST", "/shell-server/auth/password", body, null, null).statusCode()).isEqualTo(401);
		assertThat(call("POST", "/shell-server/auth/password", body, "manager", StandInComponents.KEY).statusCode())
			.isEqualTo(401);
		assertThat(call("POST", "/shell-server/auth/password", body, "shell", StandInComponents.KEY).statusCode())
			.isEqualTo(401);
		assertThat(call("GET", "/shell-server/users/alice/sites", null, null, null).statusCode()).isEqualTo(401);
		assertThat(call("POST", "/shell-server/grants", Map.of("username", "alice", "site", "x", "mode", "SHELL"),
				"shell", "another-key-0123456789-0123456789-0123").statusCode()).isEqualTo(401);
		// The shell server's key signs nothing else: its signature does not open the portal.
		assertThat(call("GET", "/sites", null, "shell", SHELL_KEY).statusCode()).isNotEqualTo(200);
	}

	@Test
	void aSignedInBrowserUserGets401FromTheShellServerApi() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER).build();
		String portal = "http://localhost:" + port;
		String form = browser.send(HttpRequest.newBuilder(URI.create(portal + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
		assertThat(token.find()).isTrue();
		HttpResponse<Void> login = browser.send(HttpRequest.newBuilder(URI.create(portal + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=password-alice&_csrf=" + token.group(1)))
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/sites"));
		assertThat(browser.send(HttpRequest.newBuilder(URI.create(portal + "/sites")).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		assertThat(browser.send(HttpRequest.newBuilder(URI.create(portal + "/shell-server/users/alice/sites")).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		assertThat(browser.send(HttpRequest.newBuilder(URI.create(portal + "/shell-server/grants"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"site\":\"x\",\"mode\":\"SHELL\"}"))
			.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
	}

	// Sign-in.

	@Test
	void aPasswordSignsInWhenItIsRightAndABlockedUserIsTold() throws Exception {
		HttpResponse<String> ok = shell("POST", "/shell-server/auth/password",
				Map.of("username", "alice", "password", "password-alice", "address", "10.0.0.1"));
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(body(ok).get("username").asText()).isEqualTo("alice");

		HttpResponse<String> wrong = shell("POST", "/shell-server/auth/password",
				Map.of("username", "alice", "password", "password-bob", "address", "10.0.0.1"));
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(body(wrong).get("error").asText()).isEqualTo("wrong user name or password");
		assertThat(shell("POST", "/shell-server/auth/password",
				Map.of("username", "nobody", "password", "x", "address", "10.0.0.1")).statusCode()).isEqualTo(401);
		assertThat(shell("POST", "/shell-server/auth/password",
				Map.of("username", "Alice'--", "password", "x", "address", "10.0.0.1")).statusCode()).isEqualTo(401);

		HttpResponse<String> blocked = shell("POST", "/shell-server/auth/password",
				Map.of("username", "mallory", "password", "password-mallory", "address", "10.0.0.1"));
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(body(blocked).get("error").asText()).isEqualTo("this account is blocked");
		// A wrong password does not reveal that the account is blocked.
		assertThat(shell("POST", "/shell-server/auth/password",
				Map.of("username", "mallory", "password", "guess", "address", "10.0.0.1")).statusCode()).isEqualTo(401);
	}

	@Test
	void wrongPasswordsOverSshCountTowardsThePortalsLimitForTheSshClientsAddress() throws Exception {
		for (int i = 1; i <= 5; i++) {
			assertThat(shell("POST", "/shell-server/auth/password",
					Map.of("username", "bob", "password", "guess " + i, "address", "10.7.0.1")).statusCode())
				.isEqualTo(401);
		}
		// Even the right password is refused now, with the reason the shell server shows as it disconnects.
		HttpResponse<String> locked = shell("POST", "/shell-server/auth/password",
				Map.of("username", "bob", "password", "password-bob", "address", "10.7.0.1"));
		assertThat(locked.statusCode()).isEqualTo(403);
		assertThat(body(locked).get("error").asText())
			.isEqualTo("Too many failed sign-ins from your address; try again in 5 minutes.");
		// The portal's form from that address is refused too; from another address SSH still works.
		assertThat(mvc.perform(post("/login").param("username", "bob").param("password", "password-bob").with(csrf())
			.with(request -> {
				request.setRemoteAddr("10.7.0.1");
				return request;
			})).andReturn().getResponse().getHeader("Location")).isEqualTo("/login?locked=5");
		assertThat(shell("POST", "/shell-server/auth/password",
				Map.of("username", "bob", "password", "password-bob", "address", "10.7.0.2")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aKeySignsInOnlyAsTheUserWhoAddedIt() throws Exception {
		String line = keygen("carol-desktop");
		mvc.perform(post("/account/ssh-keys").param("key", line).with(as("carol")).with(csrf()));
		HttpResponse<String> ok = shell("POST", "/shell-server/auth/key", Map.of("username", "carol", "key", line));
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(body(ok).get("username").asText()).isEqualTo("carol");
		// Without the comment it is the same key.
		assertThat(shell("POST", "/shell-server/auth/key", Map.of("username", "carol", "key",
				line.substring(0, line.lastIndexOf(' ')))).statusCode()).isEqualTo(200);

		assertThat(shell("POST", "/shell-server/auth/key", Map.of("username", "bob", "key", line)).statusCode())
			.isEqualTo(401);
		assertThat(shell("POST", "/shell-server/auth/key", Map.of("username", "carol", "key", keygen("unknown")))
			.statusCode()).isEqualTo(401);
		assertThat(shell("POST", "/shell-server/auth/key", Map.of("username", "carol", "key", "garbage"))
			.statusCode()).isEqualTo(401);

		String malloryKey = keygen("mallory-key");
		mvc.perform(post("/account/ssh-keys").param("key", malloryKey).with(as("mallory")).with(csrf()));
		assertThat(keyCount("mallory")).isOne();
		HttpResponse<String> blocked = shell("POST", "/shell-server/auth/key",
				Map.of("username", "mallory", "key", malloryKey));
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(body(blocked).get("error").asText()).isEqualTo("this account is blocked");
	}

	// Sites and grants.

	@Test
	void aUsersSitesAreListedAndUnknownOrBlockedUsersGet404() throws Exception {
		String first = siteOf("bob", "bobs-a");
		String second = siteOf("bob", "bobs-b");
		HttpResponse<String> response = shell("GET", "/shell-server/users/bob/sites", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode list = body(response);
		assertThat(list.findValuesAsText("name")).contains(first, second);
		JsonNode site = list.get(0);
		assertThat(site.get("id").asLong()).isPositive();
		assertThat(site.get("type").asText()).isEqualTo("STATIC");
		assertThat(site.get("availability").asText()).isEqualTo("ENABLED");
		assertThat(body(shell("GET", "/shell-server/users/carol/sites", null)).findValuesAsText("name"))
			.doesNotContain(first, second);
		assertThat(shell("GET", "/shell-server/users/nobody/sites", null).statusCode()).isEqualTo(404);
		assertThat(shell("GET", "/shell-server/users/mallory/sites", null).statusCode()).isEqualTo(404);
	}

	@Test
	void aGrantsTokenVerifiesWithTheOrchestratorsKeyAndNamesSiteUserAndImage() throws Exception {
		String site = siteOf("alice", "alices");
		long id = jdbc.sql("select id from sites where name = ?").param(site).query(Long.class).single();
		jdbc.sql("update sites set memory_mib = 300 where id = ?").param(id).update();
		TerminalTokens orchestrator = new TerminalTokens(SigningKey.of(StandInComponents.KEY));

		HttpResponse<String> response = shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "SHELL", "tty", false));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(body(response).get("site").asText()).isEqualTo(site);
		TerminalGrant grant = orchestrator.verify(body(response).get("token").asText());
		assertThat(grant.siteId()).isEqualTo(id);
		assertThat(grant.siteName()).isEqualTo(site);
		assertThat(grant.user()).isEqualTo("alice");
		assertThat(grant.mode()).isEqualTo(TerminalMode.SHELL);
		assertThat(grant.tty()).isTrue();
		// A static site without a runtime of its own gets the plain runtime's image, and the site's limits.
		String plain = jdbc.sql("select base_image from runtimes where name = 'plain'").query(String.class).single();
		assertThat(grant.image()).isEqualTo(plain);
		assertThat(grant.limits()).isEqualTo(new SiteLimits(null, 300L, null, null, null));

		Map<String, Object> exec = new java.util.HashMap<>(Map.of("username", "alice", "site", site, "mode", "EXEC",
				"command", "ls -la", "tty", false));
		TerminalGrant command = orchestrator.verify(body(shell("POST", "/shell-server/grants", exec)).get("token").asText());
		assertThat(command.command()).isEqualTo("ls -la");
		assertThat(command.tty()).isFalse();
		TerminalGrant sftp = orchestrator.verify(body(shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "SFTP", "tty", true))).get("token").asText());
		assertThat(sftp.tty()).isFalse();

		// A site with an image of its own gets that image.
		jdbc.sql("update sites set image = 'director/site-" + id + ":abc123' where id = ?").param(id).update();
		TerminalGrant own = orchestrator.verify(body(shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "SHELL"))).get("token").asText());
		assertThat(own.image()).isEqualTo("director/site-" + id + ":abc123");

		HttpResponse<String> noCommand = shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "EXEC"));
		assertThat(noCommand.statusCode()).isEqualTo(400);
		assertThat(shell("POST", "/shell-server/grants", Map.of("username", "alice", "site", site, "mode", "ROOT"))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void anotherUsersSiteIsNotFoundButAnAdministratorReachesIt() throws Exception {
		String site = siteOf("alice", "private");
		HttpResponse<String> response = shell("POST", "/shell-server/grants",
				Map.of("username", "bob", "site", site, "mode", "SHELL", "tty", true));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(body(response).get("error").asText()).isEqualTo("bob has no site called " + site);
		assertThat(shell("POST", "/shell-server/grants",
				Map.of("username", "bob", "site", "no-such-site", "mode", "SHELL")).statusCode()).isEqualTo(404);
		assertThat(shell("POST", "/shell-server/grants",
				Map.of("username", "bob", "site", "../etc", "mode", "SHELL")).statusCode()).isEqualTo(404);
		assertThat(shell("POST", "/shell-server/grants",
				Map.of("username", "root_admin", "site", site, "mode", "SHELL")).statusCode()).isEqualTo(200);
		HttpResponse<String> blocked = shell("POST", "/shell-server/grants",
				Map.of("username", "mallory", "site", site, "mode", "SHELL"));
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(body(blocked).get("error").asText()).isEqualTo("this account is blocked");
	}

	@Test
	void aDisabledSiteGets403ExceptForAnAdministrator() throws Exception {
		String site = siteOf("carol", "switched-off");
		jdbc.sql("update sites set availability = 'DISABLED' where name = ?").param(site).update();
		HttpResponse<String> response = shell("POST", "/shell-server/grants",
				Map.of("username", "carol", "site", site, "mode", "SHELL"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(body(response).get("error").asText()).isEqualTo("the site " + site + " is disabled");
		assertThat(shell("POST", "/shell-server/grants",
				Map.of("username", "root_admin", "site", site, "mode", "SHELL")).statusCode()).isEqualTo(200);
	}

}
