package edu.tjhsst.director.manager;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Personal API tokens as the integration tests make them (on the tokens page, read from it as a person would) and
 * use them (an API call with the token and no portal session, as a script makes it).
 */
final class TestTokens {

	/** What a token looks like, to find one on a page (or to make sure there is none). */
	static final Pattern SECRET = Pattern.compile("director_[A-Za-z0-9_-]{43}");

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static final ObjectMapper JSON = new ObjectMapper();

	private TestTokens() {
	}

	/**
	 * Makes a token on the tokens page as the person, and returns its secret, read from the page the form sends them
	 * to.
	 */
	static String make(MockMvc mvc, RequestPostProcessor who, String... scopes) throws Exception {
		MockHttpServletRequestBuilder form = post("/account/tokens").param("name", "script " + NAMES.incrementAndGet())
			.param("days", "30");
		for (String scope : scopes) {
			form.param("scope", scope);
		}
		MvcResult made = mvc.perform(form.with(who).with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
		assertThat(made.getResponse().getRedirectedUrl()).isEqualTo("/account/tokens");
		String page = mvc.perform(get("/account/tokens").with(who).flashAttrs(made.getFlashMap())).andReturn()
			.getResponse().getContentAsString();
		Matcher secret = SECRET.matcher(page);
		assertThat(secret.find()).as("the page shows the new token: %s", page).isTrue();
		return secret.group();
	}

	/** The answer's JSON, after asserting its status (the body is the failure's message when it is another). */
	static JsonNode json(MockHttpServletResponse response, int status) throws Exception {
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
	}

	/** Asserts a problem detail with this status whose detail says this, and no stack trace. */
	static void assertProblem(MockHttpServletResponse response, int status, String says) throws Exception {
		JsonNode problem = json(response, status);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asText()).contains(says);
		assertThat(response.getContentAsString()).doesNotContain("Exception").doesNotContain("at edu.");
	}

	/** Waits for the operation through the API, as a script does, and asserts it succeeded. */
	static void finished(MockMvc mvc, long operation, String token) throws Exception {
		JsonNode waited = json(call(mvc, get("/api/v1/operations/" + operation + "?wait=30"), token), 200);
		assertThat(waited.get("status").asText()).as(waited.toString()).isEqualTo("SUCCEEDED");
	}

	/** An API call with the token as a bearer (none when null), as a script makes it: no portal session. */
	static MockHttpServletResponse call(MockMvc mvc, MockHttpServletRequestBuilder request, String token)
			throws Exception {
		TestSecurityContextHolder.clearContext();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

}
