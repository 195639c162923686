package edu.tjhsst.director.manager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.manager.user.Role;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The limit on how many sites a user may have: the platform's default of 10, an administrator's number for one user,
 * and none for administrators.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SiteLimitIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SiteLimitIntegrationTests.class);

	private static final String FULL = "You have 10 sites, the most allowed; delete one or ask an administrator.";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserRepository users;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
		// The shipped default (application.properties), which the fixture raises for other tests.
		registry.add("director.sites.max-per-user", () -> "10");
	}

	private static RequestPostProcessor admin() {
		return user("boss").roles("ADMIN");
	}

	/** Posts the create form and returns the page or redirect it answered with. */
	private String create(String name, RequestPostProcessor who) throws Exception {
		var response = mvc.perform(post("/sites/new").param("name", name).param("description", "d").with(who)
			.with(csrf())).andReturn().getResponse();
		return response.getRedirectedUrl() != null ? "redirect " + response.getRedirectedUrl()
				: response.getContentAsString();
	}

	private void createTen(String user) throws Exception {
		for (int i = 1; i <= 10; i++) {
			assertThat(create(user + "-" + i, as(user))).startsWith("redirect /sites/");
		}
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	@Test
	void theEleventhSiteIsRefusedWithAMessageAndNothingIsCreated() throws Exception {
		TestAccounts.students(users, "frank");
		createTen("frank");
		assertThat(mvc.perform(get("/sites").with(as("frank"))).andReturn().getResponse().getContentAsString())
			.contains("You have 10 of the 10 sites you may have.");
		long sites = count("sites");
		long operations = count("operations");

		assertThat(create("frank-11", as("frank"))).contains(FULL).contains("id=\"site-limit\"");
		assertThat(count("sites")).isEqualTo(sites);
		assertThat(count("operations")).isEqualTo(operations);
		assertThat(jdbc.sql("select count(*) from sites where name = 'frank-11'").query(Long.class).single()).isZero();
	}

	@Test
	void anAdministratorsNumberForAUserReplacesTheDefault() throws Exception {
		TestAccounts.students(users, "grace");
		long id = users.findByUsername("grace").orElseThrow().id();
		createTen("grace");
		assertThat(create("grace-11", as("grace"))).contains(FULL);

		mvc.perform(post("/admin/users/" + id + "/max-sites").param("maxSites", "11").with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(mvc.perform(get("/admin/users").with(admin())).andReturn().getResponse().getContentAsString())
			.contains("id=\"max-sites-grace\"").contains("value=\"11\"");
		assertThat(create("grace-11", as("grace"))).startsWith("redirect /sites/");
		assertThat(create("grace-12", as("grace")))
			.contains("You have 11 sites, the most allowed; delete one or ask an administrator.");

		// Lower than she has: still refused, saying both numbers; blank goes back to the default.
		mvc.perform(post("/admin/users/" + id + "/max-sites").param("maxSites", "3").with(admin()).with(csrf()));
		assertThat(create("grace-12", as("grace"))).contains("You have 11 sites and the most allowed is 3");
		mvc.perform(post("/admin/users/" + id + "/max-sites").param("maxSites", "").with(admin()).with(csrf()));
		assertThat(jdbc.sql("select max_sites from users where id = ?").param(id).query(Integer.class).optional())
			.isEmpty();

		// Only administrators set it, and only to a whole number.
		mvc.perform(post("/admin/users/" + id + "/max-sites").param("maxSites", "50").with(as("grace")).with(csrf()))
			.andExpect(status().isForbidden());
		for (String bad : new String[] { "-1", "ten", "10001", "1e3" }) {
			mvc.perform(post("/admin/users/" + id + "/max-sites").param("maxSites", bad).with(admin()).with(csrf()))
				.andExpect(status().is3xxRedirection());
		}
		assertThat(jdbc.sql("select count(max_sites) from users where id = ?").param(id).query(Long.class).single())
			.isZero();
	}

	@Test
	void administratorsHaveNoLimit() throws Exception {
		if (!users.existsByUsername("boss")) {
			users.create("boss", "boss@school.example", "Boss", Role.ADMIN, "{noop}password-boss");
		}
		for (int i = 1; i <= 11; i++) {
			assertThat(create("boss-" + i, admin())).startsWith("redirect /sites/");
		}
	}

}
