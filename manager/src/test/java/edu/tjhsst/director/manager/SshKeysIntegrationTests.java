package edu.tjhsst.director.manager;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The "SSH keys" page: how to connect, adding a key with its fingerprint listed, removing it (only its owner, only with
 * the CSRF token), and the keys it refuses with a message.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SshKeysIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SshKeysIntegrationTests.class);

	private static final AtomicInteger SITES = new AtomicInteger();

	@TempDir
	static Path keys;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		ShellServerCalls.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "alice", "bob", "erin");
	}

	/** A new site of the user's, named after the test. */
	private String siteOf(String user, String name) throws Exception {
		String siteName = name + "-" + SITES.incrementAndGet();
		SiteForms.create(mvc, user, siteName, "STATIC", null);
		return siteName;
	}

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
		String line = TestSshKeys.generate(keys, "alice-laptop");
		mvc.perform(post("/account/ssh-keys").param("key", line).with(as("alice")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		String page = mvc.perform(get("/account/ssh-keys").with(as("alice"))).andReturn().getResponse()
			.getContentAsString();
		String fingerprint = TestSshKeys.fingerprint(keys, "alice-laptop");
		assertThat(page).contains(fingerprint).contains("ssh-ed25519").contains("alice-laptop@laptop");
		long id = jdbc.sql("select k.id from ssh_keys k join users u on u.id = k.user_id where u.username = 'alice' "
				+ "and k.fingerprint = ?").param(fingerprint).query(Long.class).single();

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
		String line = TestSshKeys.generate(keys, "bob-laptop");
		mvc.perform(post("/account/ssh-keys").param("key", line).with(as("bob")).with(csrf()));
		long before = TestSshKeys.count(jdbc, "bob");
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
		assertThat(TestSshKeys.count(jdbc, "bob")).isEqualTo(before);
		mvc.perform(post("/account/ssh-keys").param("key", TestSshKeys.generate(keys, "bob-other")).with(as("bob")))
			.andExpect(status().isForbidden());
		assertThat(TestSshKeys.count(jdbc, "bob")).isEqualTo(before);
	}

}
