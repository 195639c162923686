package edu.tjhsst.director.manager;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.common.signing.SigningKey;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.manager.user.UserRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the SSH shell server gets through the signed {@code /shell-server/**} API for a signed-in user: the user's
 * sites, and a terminal grant in one of them as the portal decides (not another's site, not a disabled one, unless an
 * administrator), over real HTTP with real signatures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ShellAccessIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(ShellAccessIntegrationTests.class);

	private static final AtomicInteger SITES = new AtomicInteger();

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
		TestAccounts.administrator(users, "root_admin");
		calls = new ShellServerCalls(port, json);
	}

	/** A new site of the user's, named after the test. */
	private String siteOf(String user, String name) throws Exception {
		String siteName = name + "-" + SITES.incrementAndGet();
		SiteForms.create(mvc, user, siteName, "STATIC", null);
		return siteName;
	}

	@Test
	void aUsersSitesAreListedAndUnknownOrBlockedUsersGet404() throws Exception {
		String first = siteOf("bob", "bobs-a");
		String second = siteOf("bob", "bobs-b");
		HttpResponse<String> response = calls.shell("GET", "/shell-server/users/bob/sites", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode list = calls.body(response);
		assertThat(list.findValuesAsText("name")).contains(first, second);
		JsonNode site = list.get(0);
		assertThat(site.get("id").asLong()).isPositive();
		assertThat(site.get("type").asText()).isEqualTo("STATIC");
		assertThat(site.get("availability").asText()).isEqualTo("ENABLED");
		assertThat(calls.body(calls.shell("GET", "/shell-server/users/carol/sites", null)).findValuesAsText("name"))
			.doesNotContain(first, second);
		assertThat(calls.shell("GET", "/shell-server/users/nobody/sites", null).statusCode()).isEqualTo(404);
		assertThat(calls.shell("GET", "/shell-server/users/mallory/sites", null).statusCode()).isEqualTo(404);
	}

	@Test
	void aGrantsTokenVerifiesWithTheOrchestratorsKeyAndNamesSiteUserAndImage() throws Exception {
		String site = siteOf("alice", "alices");
		long id = jdbc.sql("select id from sites where name = ?").param(site).query(Long.class).single();
		jdbc.sql("update sites set memory_mib = 300 where id = ?").param(id).update();
		TerminalTokens orchestrator = new TerminalTokens(SigningKey.of(StandInComponents.KEY));

		HttpResponse<String> response = calls.shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "SHELL", "tty", false));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(calls.body(response).get("site").asText()).isEqualTo(site);
		TerminalGrant grant = orchestrator.verify(calls.body(response).get("token").asText());
		assertThat(grant.siteId()).isEqualTo(id);
		assertThat(grant.siteName()).isEqualTo(site);
		assertThat(grant.user()).isEqualTo("alice");
		assertThat(grant.mode()).isEqualTo(TerminalMode.SHELL);
		assertThat(grant.tty()).isTrue();
		// A static site without a runtime of its own gets the plain runtime's image, and the site's limits.
		String plain = jdbc.sql("select base_image from runtimes where name = 'plain'").query(String.class).single();
		assertThat(grant.image()).isEqualTo(plain);
		assertThat(grant.limits()).isEqualTo(new SiteLimits(null, 300L, null, null, null));

		Map<String, Object> exec = new HashMap<>(Map.of("username", "alice", "site", site, "mode", "EXEC",
				"command", "ls -la", "tty", false));
		TerminalGrant command = orchestrator.verify(
				calls.body(calls.shell("POST", "/shell-server/grants", exec)).get("token").asText());
		assertThat(command.command()).isEqualTo("ls -la");
		assertThat(command.tty()).isFalse();
		TerminalGrant sftp = orchestrator.verify(calls.body(calls.shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "SFTP", "tty", true))).get("token").asText());
		assertThat(sftp.tty()).isFalse();

		// A site with an image of its own gets that image.
		jdbc.sql("update sites set image = 'director/site-" + id + ":abc123' where id = ?").param(id).update();
		TerminalGrant own = orchestrator.verify(calls.body(calls.shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "SHELL"))).get("token").asText());
		assertThat(own.image()).isEqualTo("director/site-" + id + ":abc123");

		HttpResponse<String> noCommand = calls.shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "EXEC"));
		assertThat(noCommand.statusCode()).isEqualTo(400);
		HttpResponse<String> noMode = calls.shell("POST", "/shell-server/grants",
				Map.of("username", "alice", "site", site, "mode", "ROOT"));
		assertThat(noMode.statusCode()).isEqualTo(400);
		assertThat(calls.body(noMode).get("error").asText()).isEqualTo("mode must be SHELL, EXEC or SFTP");
	}

	@Test
	void anotherUsersSiteIsNotFoundButAnAdministratorReachesIt() throws Exception {
		String site = siteOf("alice", "private");
		HttpResponse<String> response = calls.shell("POST", "/shell-server/grants",
				Map.of("username", "bob", "site", site, "mode", "SHELL", "tty", true));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(calls.body(response).get("error").asText()).isEqualTo("bob has no site called " + site);
		assertThat(calls.shell("POST", "/shell-server/grants",
				Map.of("username", "bob", "site", "no-such-site", "mode", "SHELL")).statusCode()).isEqualTo(404);
		assertThat(calls.shell("POST", "/shell-server/grants",
				Map.of("username", "bob", "site", "../etc", "mode", "SHELL")).statusCode()).isEqualTo(404);
		assertThat(calls.shell("POST", "/shell-server/grants",
				Map.of("username", "root_admin", "site", site, "mode", "SHELL")).statusCode()).isEqualTo(200);
		HttpResponse<String> blocked = calls.shell("POST", "/shell-server/grants",
				Map.of("username", "mallory", "site", site, "mode", "SHELL"));
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(calls.body(blocked).get("error").asText()).isEqualTo("this account is blocked");
	}

	@Test
	void aDisabledSiteGets403ExceptForAnAdministrator() throws Exception {
		String site = siteOf("carol", "switched-off");
		jdbc.sql("update sites set availability = 'DISABLED' where name = ?").param(site).update();
		HttpResponse<String> response = calls.shell("POST", "/shell-server/grants",
				Map.of("username", "carol", "site", site, "mode", "SHELL"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(calls.body(response).get("error").asText()).isEqualTo("the site " + site + " is disabled");
		assertThat(calls.shell("POST", "/shell-server/grants",
				Map.of("username", "root_admin", "site", site, "mode", "SHELL")).statusCode()).isEqualTo(200);
	}

}
