package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MARIADB;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MYSQL_HOST;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MYSQL_PORT;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;

/**
 * What the sites' database tests do through the portal, as the student gina or an administrator, and what they read
 * back from the manager's tables and the specs the stand-in orchestrator was sent.
 */
final class DatabasePages {

	private static final AtomicInteger SITES = new AtomicInteger();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final MockMvc mvc;

	private final JdbcClient jdbc;

	private final Operations operations;

	private final StandInComponents components;

	DatabasePages(MockMvc mvc, JdbcClient jdbc, Operations operations, StandInComponents components) {
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.operations = operations;
		this.components = components;
	}

	static RequestPostProcessor admin() {
		return SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");
	}

	static MockHttpServletRequestBuilder hostForm(String path, String name, String engine, String host, String port,
			String username, String password) {
		return hostForm(path, name, engine, host, port, username, password, true);
	}

	/** The server form as a browser sends it: an unticked box sends only Spring's "_enabled" marker. */
	static MockHttpServletRequestBuilder hostForm(String path, String name, String engine, String host, String port,
			String username, String password, boolean enabled) {
		MockHttpServletRequestBuilder form = post(path).param("name", name).param("engine", engine)
			.param("adminHost", host).param("adminPort", port).param("adminUsername", username)
			.param("adminPassword", password).param("sitesHost", host).param("sitesPort", port)
			.param("_enabled", "on").with(admin()).with(csrf());
		return enabled ? form.param("enabled", "true") : form;
	}

	/** Registers this machine's MariaDB through the admin form, with the class's administrator, unless it is. */
	void registerMariadb(SiteDatabaseServers servers) throws Exception {
		if (hostId(MARIADB) == null) {
			mvc.perform(hostForm("/admin/database-hosts", MARIADB, "MYSQL", MYSQL_HOST, Integer.toString(MYSQL_PORT),
					servers.admin(), servers.adminPassword()))
				.andExpect(redirectedUrl("/admin/database-hosts"));
		}
	}

	/** A new dynamic site of gina's whose creation has finished. */
	long ginasSite() throws Exception {
		long id = SiteForms.create(mvc, "gina", "gina-db-" + SITES.incrementAndGet() + "-"
				+ SiteDatabaseServers.randomLetters(4), "DYNAMIC", "python");
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	/** Creates the site's database on the named server through the page and waits for it. */
	void createDatabase(long id, String hostName) throws Exception {
		mvc.perform(post("/sites/" + id + "/database").param("hostId", hostId(hostName).toString()).with(as("gina"))
			.with(csrf())).andExpect(redirectedUrl("/sites/" + id));
		Operation operation = awaitSucceeded(operations, id, OperationKind.CREATE_DATABASE);
		assertThat(operation.actions()).extracting(action -> action.slug())
			.containsExactly("create_database", "apply_appserver");
	}

	/** Runs the SQL in the site's console as gina. */
	Document console(long id, String sql) throws Exception {
		return page(post("/sites/" + id + "/database/console").param("sql", sql).with(as("gina")).with(csrf()));
	}

	Document page(MockHttpServletRequestBuilder request) throws Exception {
		return page(request, 200);
	}

	Document page(MockHttpServletRequestBuilder request, int expected) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().is(expected)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	/** The last spec the orchestrator stand-in was sent for the site. */
	JsonNode lastSpec(long id) throws IOException {
		String prefix = "PUT /sites/" + id + " ";
		String last = null;
		for (String call : components.calls) {
			if (call.startsWith(prefix)) {
				last = call;
			}
		}
		assertThat(last).as("a spec was sent for site " + id).isNotNull();
		ObjectNode spec = (ObjectNode) JSON.readTree(last.substring(prefix.length()));
		// A spec without a database may leave the field out or send null: both read as null here.
		if (!spec.has("database")) {
			spec.set("database", NullNode.getInstance());
		}
		return spec;
	}

	Long hostId(String name) {
		return jdbc.sql("select id from database_hosts where name = ?").param(name).query(Long.class).optional()
			.orElse(null);
	}

	String databaseStatus(long siteId) {
		return jdbc.sql("select status from site_databases where site_id = ?").param(siteId).query(String.class)
			.optional().orElse(null);
	}

	long operationCount(long siteId) {
		return jdbc.sql("select count(*) from operations where site_id = ?").param(siteId).query(Long.class).single();
	}

	String siteName(long siteId) {
		return jdbc.sql("select name from sites where id = ?").param(siteId).query(String.class).single();
	}

}
