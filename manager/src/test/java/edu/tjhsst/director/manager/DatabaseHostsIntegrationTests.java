package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.DatabasePages.admin;
import static edu.tjhsst.director.manager.DatabasePages.hostForm;
import static edu.tjhsst.director.manager.SiteDatabaseServers.EMBEDDED;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MARIADB;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MYSQL_HOST;
import static edu.tjhsst.director.manager.SiteDatabaseServers.MYSQL_PORT;
import static edu.tjhsst.director.manager.SiteDatabaseServers.randomLetters;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.manager.database.DatabaseHostRepository;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * The administrators' pages for the servers sites' databases are made on: adding one after testing the connection,
 * editing it without retyping its password, the form's checks, and which servers are offered or may be deleted.
 */
@SpringBootTest
@AutoConfigureMockMvc
@SlowTest
class DatabaseHostsIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(DatabaseHostsIntegrationTests.class);

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
	void accounts() throws Exception {
		TestAccounts.students(users, "gina", "hank");
		pages = new DatabasePages(mvc, jdbc, operations, COMPONENTS);
		pages.registerMariadb(SERVERS);
	}

	private long hostCount() {
		return jdbc.sql("select count(*) from database_hosts").query(Long.class).single();
	}

	@Test
	void anAdministratorAddsAServerAfterTestingTheConnection() throws Exception {
		String name = "Spare " + randomLetters(5);
		Document tested = pages.page(hostForm("/admin/database-hosts/test", name, "MYSQL", MYSQL_HOST,
				Integer.toString(MYSQL_PORT), SERVERS.admin(), SERVERS.adminPassword()));
		assertThat(tested.select("#connection-result.alert-success").text()).startsWith("Connected: ")
			.containsIgnoringCase("MariaDB");
		assertThat(tested.html()).as("the typed password is not sent back").doesNotContain(SERVERS.adminPassword());

		Document refused = pages.page(hostForm("/admin/database-hosts/test", name, "MYSQL", MYSQL_HOST,
				Integer.toString(MYSQL_PORT), SERVERS.admin(), "wrong-password"));
		assertThat(refused.select("#connection-result.alert-danger").text()).containsIgnoringCase("denied");
		assertThat(pages.hostId(name)).as("testing stores nothing").isNull();

		mvc.perform(hostForm("/admin/database-hosts", name, "MYSQL", MYSQL_HOST, Integer.toString(MYSQL_PORT),
				SERVERS.admin(), SERVERS.adminPassword())).andExpect(redirectedUrl("/admin/database-hosts"));
		Long id = pages.hostId(name);
		assertThat(id).isNotNull();
		String stored = jdbc.sql("select admin_password from database_hosts where id = ?").param(id)
			.query(String.class).single();
		assertThat(stored).startsWith("v1:").doesNotContain(SERVERS.adminPassword());

		Document list = pages.page(get("/admin/database-hosts").with(admin()));
		assertThat(list.select("table#database-hosts a").eachText()).contains(name, EMBEDDED, MARIADB);
		assertThat(list.select("#database-host-" + pages.hostId(EMBEDDED) + " .database-host-embedded")).hasSize(1);

		// A blank password on an existing server tests (and keeps) the stored one.
		Document retested = pages.page(hostForm("/admin/database-hosts/test", name, "MYSQL", MYSQL_HOST,
				Integer.toString(MYSQL_PORT), SERVERS.admin(), "").param("id", id.toString()));
		assertThat(retested.select("#connection-result.alert-success")).hasSize(1);
		// ...but never sends it to another address.
		Document elsewhere = pages.page(hostForm("/admin/database-hosts/test", name, "MYSQL", "elsewhere.example",
				Integer.toString(MYSQL_PORT), SERVERS.admin(), "").param("id", id.toString()));
		assertThat(elsewhere.select("#adminPassword-error").text()).contains("Type the admin password again");
		assertThat(elsewhere.select("#connection-result")).isEmpty();
		mvc.perform(hostForm("/admin/database-hosts/" + id, name + " 2", "MYSQL", MYSQL_HOST,
				Integer.toString(MYSQL_PORT), SERVERS.admin(), "")).andExpect(redirectedUrl("/admin/database-hosts"));
		assertThat(hosts.findById(id).orElseThrow().adminPassword()).as("the stored password is kept")
			.isEqualTo(SERVERS.adminPassword());

		String edit = mvc.perform(get("/admin/database-hosts/" + id).with(admin())).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(edit).as("the stored password is never sent to the browser").doesNotContain(SERVERS.adminPassword());
		Document editPage = Jsoup.parse(edit);
		assertThat(editPage.select("form#database-host-form #name").val()).isEqualTo(name + " 2");
		assertThat(editPage.select("#adminPassword").val()).isEmpty();
		assertThat(editPage.select("form#delete-database-host")).hasSize(1);
		assertThat(pages.page(get("/admin/database-hosts/" + pages.hostId(EMBEDDED)).with(admin()))
			.select("form#delete-database-host")).as("the embedded server offers no delete").isEmpty();
		assertThat(pages.page(get("/admin/database-hosts/new").with(admin()))
			.select("form#database-host-form select#engine option").eachAttr("value"))
			.containsExactly("POSTGRESQL", "MYSQL");

		mvc.perform(post("/admin/database-hosts/" + id + "/delete").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/database-hosts"));
		assertThat(pages.hostId(name + " 2")).isNull();
	}

	@Test
	void badServerInputIsRejectedFieldByFieldAndNothingIsSaved() throws Exception {
		long before = hostCount();
		Document rejected = pages.page(hostForm("/admin/database-hosts", "bad<name>", "ORACLE", "bad host;", "70000",
				"root; drop", "line\nbreak").param("sitesHost", "-x-").param("sitesPort", "0"));
		assertThat(rejected.select("#name-error").text()).isNotBlank();
		assertThat(rejected.select("#engine-error").text()).isNotBlank();
		assertThat(rejected.select("#adminHost-error").text()).isNotBlank();
		assertThat(rejected.select("#adminPort-error").text()).isNotBlank();
		assertThat(rejected.select("#adminUsername-error").text()).isNotBlank();
		assertThat(rejected.select("#adminPassword-error").text()).isNotBlank();
		assertThat(rejected.select("#sitesHost-error").text()).isNotBlank();
		assertThat(rejected.select("#sitesPort-error").text()).isNotBlank();
		assertThat(hostCount()).isEqualTo(before);

		Document duplicate = pages.page(hostForm("/admin/database-hosts", MARIADB, "MYSQL", MYSQL_HOST, "3306", "root", ""));
		assertThat(duplicate.select("#name-error").text()).contains("name");
		assertThat(hostCount()).isEqualTo(before);
	}

	@Test
	void studentsCannotReachTheAdminPages() throws Exception {
		mvc.perform(get("/admin/database-hosts").with(as("gina"))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/database-hosts/new").with(as("gina"))).andExpect(status().isForbidden());
		mvc.perform(hostForm("/admin/database-hosts", "Mine", "MYSQL", MYSQL_HOST, "3306", "root", "")
			.with(as("gina"))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/database-hosts/" + pages.hostId(MARIADB) + "/delete").with(as("gina")).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(pages.hostId("Mine")).isNull();
		assertThat(pages.hostId(MARIADB)).isNotNull();
	}

	@Test
	void aDisabledServerIsNotOfferedAndServersInUseOrEmbeddedAreNotDeleted() throws Exception {
		String name = "Disabled " + randomLetters(5);
		mvc.perform(hostForm("/admin/database-hosts", name, "MYSQL", MYSQL_HOST, Integer.toString(MYSQL_PORT),
				SERVERS.admin(), SERVERS.adminPassword(), false))
			.andExpect(redirectedUrl("/admin/database-hosts"));
		Long disabled = pages.hostId(name);
		long id = pages.ginasSite();
		Document offered = pages.page(get("/sites/" + id + "/database").with(as("gina")));
		assertThat(offered.select("#database-host option").eachAttr("value")).doesNotContain(disabled.toString())
			.contains(pages.hostId(MARIADB).toString());
		Document refused = pages.page(post("/sites/" + id + "/database").param("hostId", disabled.toString())
			.with(as("gina")).with(csrf()), 400);
		assertThat(refused.select("#database-error").text()).contains("no longer takes new databases");
		assertThat(pages.databaseStatus(id)).isNull();

		pages.createDatabase(id, MARIADB);
		mvc.perform(post("/admin/database-hosts/" + pages.hostId(MARIADB) + "/delete").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/database-hosts/" + pages.hostId(MARIADB)));
		assertThat(pages.hostId(MARIADB)).isNotNull();
		mvc.perform(post("/admin/database-hosts/" + pages.hostId(EMBEDDED) + "/delete").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/database-hosts/" + pages.hostId(EMBEDDED)));
		assertThat(pages.hostId(EMBEDDED)).isNotNull();
	}

}
