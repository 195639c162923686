package edu.tjhsst.director.manager;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The steps the domain tests take through the portal's Domains pages, and what they read back from the database and
 * the router stand-in's calls.
 */
final class DomainPages {

	private final MockMvc mvc;

	private final JdbcClient jdbc;

	DomainPages(MockMvc mvc, JdbcClient jdbc) {
		this.mvc = mvc;
		this.jdbc = jdbc;
	}

	ResultActions add(RequestPostProcessor who, long siteId, String name) throws Exception {
		return mvc.perform(post("/sites/" + siteId + "/domains").param("name", name).with(who).with(csrf()));
	}

	ResultActions check(RequestPostProcessor who, long siteId, long domainId) throws Exception {
		return mvc.perform(post("/sites/" + siteId + "/domains/" + domainId + "/check").with(who).with(csrf()));
	}

	ResultActions remove(RequestPostProcessor who, long siteId, long domainId) throws Exception {
		return mvc.perform(post("/sites/" + siteId + "/domains/" + domainId + "/delete").with(who).with(csrf()));
	}

	long id(String name) {
		return jdbc.sql("select id from custom_domains where name = ?").param(name).query(Long.class).single();
	}

	String token(String name) {
		return jdbc.sql("select token from custom_domains where name = ?").param(name).query(String.class).single();
	}

	String state(String name) {
		return jdbc.sql("select state from custom_domains where name = ?").param(name).query(String.class).single();
	}

	long count(String name) {
		return jdbc.sql("select count(*) from custom_domains where name = ?").param(name).query(Long.class).single();
	}

	/** The router calls that published this site's route, oldest first. */
	static List<String> routes(StandInComponents components, long siteId) {
		return components.calls.stream().filter(call -> call.startsWith("PUT /routes/" + siteId + " ")).toList();
	}

	/** The calls that gave the app server this site's spec, oldest first. */
	static List<String> specs(StandInComponents components, long siteId) {
		return components.calls.stream().filter(call -> call.startsWith("PUT /sites/" + siteId + " ")).toList();
	}

}
