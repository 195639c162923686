package edu.tjhsst.director.manager;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** What the integration tests do with sites as a student would: create one through the form. */
final class SiteForms {

	private SiteForms() {
	}

	/** Submits the create form as the student and returns the new site's id, read from the redirect to its page. */
	static long create(MockMvc mvc, String user, String name, String type, String runtime) throws Exception {
		MockHttpServletRequestBuilder form = post("/sites/new").param("name", name).param("type", type);
		if (runtime != null) {
			form.param("runtime", runtime);
		}
		String location = mvc.perform(form.with(TestAccounts.as(user)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		return Long.parseLong(location.substring("/sites/".length()));
	}

}
