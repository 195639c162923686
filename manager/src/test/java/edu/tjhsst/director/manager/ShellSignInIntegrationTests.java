package edu.tjhsst.director.manager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Who may call the signed {@code /shell-server/**} API the SSH shell server calls, and signing in through it by
 * password (within the portal's limit on failed sign-ins) or by key, over real HTTP with real signatures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ShellSignInIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(ShellSignInIntegrationTests.class);

	@TempDir
	static Path keys;

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@Autowired
	UserRepository users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	private ShellServerCalls calls;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		ShellServerCalls.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "alice", "bob", "carol", "mallory");
		jdbc.sql("update users set enabled = false where username = 'mallory'").update();
		calls = new ShellServerCalls(port, json);
	}

	// Who may call it.

	@Test
	void unsignedCallsAndCallsSignedByAnyoneButTheShellServerGet401() throws Exception {
		Map<String, String> body = Map.of("username", "alice", "password", "password-alice", "address", "10.0.0.1");
		assertThat(calls.call("POST", "/shell-server/auth/password", body, null, null).statusCode()).isEqualTo(401);
		assertThat(calls.call("POST", "/shell-server/auth/password", body, "manager", StandInComponents.KEY).statusCode())
			.isEqualTo(401);
		assertThat(calls.call("POST", "/shell-server/auth/password", body, "shell", StandInComponents.KEY).statusCode())
			.isEqualTo(401);
		assertThat(calls.call("GET", "/shell-server/users/alice/sites", null, null, null).statusCode()).isEqualTo(401);
		assertThat(calls.call("POST", "/shell-server/grants", Map.of("username", "alice", "site", "x", "mode", "SHELL"),
				"shell", "another-key-0123456789-0123456789-0123").statusCode()).isEqualTo(401);
		// The shell server's key signs nothing else: its signature does not open the portal.
		assertThat(calls.call("GET", "/sites", null, "shell", ShellServerCalls.SHELL_KEY).statusCode()).isNotEqualTo(200);
	}

	@Test
	void aSignedInBrowserUserGets401FromTheShellServerApi() throws Exception {
		HttpClient browser = SignedInBrowser.signIn(port, "alice");
		String portal = "http://localhost:" + port;
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
		HttpResponse<String> ok = calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "alice", "password", "password-alice", "address", "10.0.0.1"));
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(calls.body(ok).get("username").asText()).isEqualTo("alice");

		HttpResponse<String> wrong = calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "alice", "password", "password-bob", "address", "10.0.0.1"));
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(calls.body(wrong).get("error").asText()).isEqualTo("wrong user name or password");
		assertThat(calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "nobody", "password", "x", "address", "10.0.0.1")).statusCode()).isEqualTo(401);
		assertThat(calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "Alice'--", "password", "x", "address", "10.0.0.1")).statusCode()).isEqualTo(401);

		HttpResponse<String> blocked = calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "mallory", "password", "password-mallory", "address", "10.0.0.1"));
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(calls.body(blocked).get("error").asText()).isEqualTo("this account is blocked");
		// A wrong password does not reveal that the account is blocked.
		assertThat(calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "mallory", "password", "guess", "address", "10.0.0.1")).statusCode()).isEqualTo(401);
	}

	@Test
	void wrongPasswordsOverSshCountTowardsThePortalsLimitForTheSshClientsAddress() throws Exception {
		for (int i = 1; i <= 5; i++) {
			assertThat(calls.shell("POST", "/shell-server/auth/password",
					Map.of("username", "bob", "password", "guess " + i, "address", "10.7.0.1")).statusCode())
				.isEqualTo(401);
		}
		// Even the right password is refused now, with the reason the shell server shows as it disconnects.
		HttpResponse<String> locked = calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "bob", "password", "password-bob", "address", "10.7.0.1"));
		assertThat(locked.statusCode()).isEqualTo(403);
		assertThat(calls.body(locked).get("error").asText())
			.isEqualTo("Too many failed sign-ins from your address; try again in 5 minutes.");
		// The portal's form from that address is refused too; from another address SSH still works.
		assertThat(mvc.perform(post("/login").param("username", "bob").param("password", "password-bob").with(csrf())
			.with(request -> {
				request.setRemoteAddr("10.7.0.1");
				return request;
			})).andReturn().getResponse().getHeader("Location")).isEqualTo("/login?locked=5");
		assertThat(calls.shell("POST", "/shell-server/auth/password",
				Map.of("username", "bob", "password", "password-bob", "address", "10.7.0.2")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aKeySignsInOnlyAsTheUserWhoAddedIt() throws Exception {
		String line = TestSshKeys.generate(keys, "carol-desktop");
		mvc.perform(post("/account/ssh-keys").param("key", line).with(as("carol")).with(csrf()));
		HttpResponse<String> ok = calls.shell("POST", "/shell-server/auth/key", Map.of("username", "carol", "key", line));
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(calls.body(ok).get("username").asText()).isEqualTo("carol");
		// Without the comment it is the same key.
		assertThat(calls.shell("POST", "/shell-server/auth/key", Map.of("username", "carol", "key",
				line.substring(0, line.lastIndexOf(' ')))).statusCode()).isEqualTo(200);

		assertThat(calls.shell("POST", "/shell-server/auth/key", Map.of("username", "bob", "key", line)).statusCode())
			.isEqualTo(401);
		String unknown = TestSshKeys.generate(keys, "unknown");
		assertThat(calls.shell("POST", "/shell-server/auth/key", Map.of("username", "carol", "key", unknown))
			.statusCode()).isEqualTo(401);
		assertThat(calls.shell("POST", "/shell-server/auth/key", Map.of("username", "carol", "key", "garbage"))
			.statusCode()).isEqualTo(401);

		String malloryKey = TestSshKeys.generate(keys, "mallory-key");
		mvc.perform(post("/account/ssh-keys").param("key", malloryKey).with(as("mallory")).with(csrf()));
		assertThat(TestSshKeys.count(jdbc, "mallory")).isOne();
		HttpResponse<String> blocked = calls.shell("POST", "/shell-server/auth/key",
				Map.of("username", "mallory", "key", malloryKey));
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(calls.body(blocked).get("error").asText()).isEqualTo("this account is blocked");
	}

}
