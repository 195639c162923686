package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.SiteDatabaseServers.EMBEDDED;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static edu.tjhsst.director.manager.TestTokens.assertProblem;
import static edu.tjhsst.director.manager.TestTokens.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.manager.database.DatabaseHostRepository;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * A site's database through the API, as a script uses it, on the embedded sites' PostgreSQL: made, read (its
 * password only by a token that may change the site), used through SQL as the site's own user (which reads no file
 * of the host), given a new password and deleted with the site's name; refused to another student's token and to a
 * reading token, with the page's sentences for a wrong server, a second database or a wrong confirmation.
 */
@SpringBootTest
@AutoConfigureMockMvc
@SlowTest
class DatabaseApiIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(DatabaseApiIntegrationTests.class);

	@RegisterExtension
	static final SiteDatabaseServers SERVERS = new SiteDatabaseServers();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@Autowired
	DatabaseHostRepository hosts;

	private DatabasePages pages;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		SERVERS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "gina", "hank");
		pages = new DatabasePages(mvc, jdbc, operations, COMPONENTS);
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token) throws Exception {
		return TestTokens.call(mvc, request, token);
	}


	@Test
	void aScriptMakesUsesAndDeletesItsSitesDatabaseThroughTheApiAndNoOneElseCan() throws Exception {
		long id = pages.ginasSite();
		String writer = TestTokens.make(mvc, as("gina"), "sites:write");
		String reader = TestTokens.make(mvc, as("gina"), "sites:read");
		String stranger = TestTokens.make(mvc, as("hank"), "sites:write");
		String path = "/api/v1/sites/" + id + "/database";
		JsonNode servers = json(call(get("/api/v1/database-servers"), reader), 200);
		long embedded = 0;
		for (JsonNode server : servers) {
			if (server.get("name").asText().equals(EMBEDDED)) {
				embedded = server.get("id").asLong();
				assertThat(server.get("type").asText()).isEqualTo("PostgreSQL");
			}
		}
		assertThat(embedded).as("the embedded server is offered: %s", servers).isPositive();
		assertProblem(call(get(path), reader), 404, "no database");

		String create = "{\"serverId\":" + embedded + "}";
		assertThat(call(post(path).contentType(MediaType.APPLICATION_JSON).content(create), reader).getStatus())
			.as("a reading token changes nothing").isEqualTo(403);
		assertThat(call(post(path).contentType(MediaType.APPLICATION_JSON).content(create), stranger).getStatus())
			.as("another student's site is not found").isEqualTo(404);
		assertThat(json(call(post(path).contentType(MediaType.APPLICATION_JSON).content("{}"), writer), 422)
			.get("errors").has("serverId")).isTrue();
		assertProblem(call(post(path).contentType(MediaType.APPLICATION_JSON).content("{\"serverId\":999999}"),
				writer), 422, "does not exist");
		assertThat(pages.databaseStatus(id)).as("nothing stored by a refusal").isNull();

		TestTokens.finished(mvc, json(call(post(path).contentType(MediaType.APPLICATION_JSON).content(create), writer),
				202).get("operationId").asLong(), writer);
		assertProblem(call(post(path).contentType(MediaType.APPLICATION_JSON).content(create), writer), 409,
				"already has a database");

		String password = pages.lastSpec(id).get("database").get("password").asText();
		MockHttpServletResponse shown = call(get(path), reader);
		JsonNode database = json(shown, 200);
		assertThat(database.get("status").asText()).isEqualTo("READY");
		assertThat(database.get("url").asText()).contains(":********@");
		assertThat(shown.getContentAsString()).as("reading never carries the password").doesNotContain(password);
		assertThat(call(post(path + "/reveal"), reader).getStatus()).as("only a token that may change the site")
			.isEqualTo(403);
		assertThat(call(post(path + "/reveal"), stranger).getStatus()).isEqualTo(404);
		MockHttpServletResponse revealed = call(post(path + "/reveal"), writer);
		assertThat(json(revealed, 200).get("password").asText()).isEqualTo(password);
		assertThat(revealed.getHeader("Cache-Control")).contains("no-store");

		String sql = path + "/sql";
		JsonNode ran = json(call(post(sql).contentType(MediaType.APPLICATION_JSON).content(
				"{\"sql\":\"CREATE TABLE notes (body text); INSERT INTO notes VALUES ('from a script'); "
						+ "SELECT body FROM notes\"}"), writer), 200);
		assertThat(ran.get("error").isNull()).as(ran.toString()).isTrue();
		assertThat(ran.get("blocks").get(2).get("rows").get(0).get(0).asText()).isEqualTo("from a script");
		JsonNode escape = json(call(post(sql).contentType(MediaType.APPLICATION_JSON).content(
				"{\"sql\":\"SELECT pg_read_file('/etc/hostname')\"}"), writer), 200);
		assertThat(escape.get("error").asText()).as("the site's own user reads no file of the host")
			.contains("permission denied");
		assertThat(call(post(sql).contentType(MediaType.APPLICATION_JSON).content("{\"sql\":\"SELECT 1\"}"),
				stranger).getStatus()).isEqualTo(404);
		assertThat(call(post(sql).contentType(MediaType.APPLICATION_JSON).content("{\"sql\":\"SELECT 1\"}"),
				reader).getStatus()).isEqualTo(403);
		assertThat(json(call(post(sql).contentType(MediaType.APPLICATION_JSON).content("{\"sql\":\" \"}"), writer),
				422).get("errors").has("sql")).isTrue();

		TestTokens.finished(mvc, json(call(post(path + "/password"), writer), 202).get("operationId").asLong(), writer);
		assertThat(pages.lastSpec(id).get("database").get("password").asText()).isNotEqualTo(password);

		assertProblem(call(delete(path).param("confirm", "not-" + pages.siteName(id)), writer), 422,
				"to confirm deleting");
		assertThat(call(delete(path).param("confirm", pages.siteName(id)), stranger).getStatus()).isEqualTo(404);
		TestTokens.finished(mvc, json(call(delete(path).param("confirm", pages.siteName(id)), writer), 202)
			.get("operationId").asLong(), writer);
		assertProblem(call(get(path), reader), 404, "no database");
		assertThat(SERVERS.embeddedHas(hosts.findEmbedded().orElseThrow(), SERVERS.prefix() + id))
			.as("database or role left on the server").isFalse();
	}

}
