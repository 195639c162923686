package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static edu.tjhsst.director.manager.TestTokens.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import edu.tjhsst.director.manager.user.UserRepository;

/**
 * A site's files through the API: written with a token that may write, read back with its version, listed; refused
 * without a token, to another student's token (as if the site did not exist), to a read-only token on a write, over
 * a change made since the version given, and for a path with control characters or a body over 16 MiB, each with a
 * problem detail and the file as it was.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FilesApiIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(FilesApiIntegrationTests.class);

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "fay", "gus");
	}

	private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String token) throws Exception {
		return TestTokens.call(mvc, request, token);
	}

	@Test
	void aScriptWritesReadsAndListsItsSitesFilesAndNoOneElsesAndNothingItMayNot() throws Exception {
		long site = SiteForms.create(mvc, "fay", "fays-" + NAMES.incrementAndGet(), "STATIC", null);
		String writer = TestTokens.make(mvc, as("fay"), "sites:write");
		String reader = TestTokens.make(mvc, as("fay"), "sites:read");
		String stranger = TestTokens.make(mvc, as("gus"), "sites:write");
		String files = "/api/v1/sites/" + site + "/files";
		String page = files + "/content?path=public/from-api.html";

		MockHttpServletResponse written = call(put(page).content("<h1>from a script</h1>"), writer);
		assertThat(written.getStatus()).as(written.getContentAsString()).isEqualTo(200);
		String version = JSON.readTree(written.getContentAsString()).get("version").asText();
		assertThat(version).isNotBlank();

		MockHttpServletResponse read = call(get(page), reader);
		assertThat(read.getStatus()).isEqualTo(200);
		assertThat(read.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("<h1>from a script</h1>");
		assertThat(read.getHeader("ETag")).isEqualTo("\"" + version + "\"");
		JsonNode listed = JSON.readTree(call(get(files + "?path=public"), reader).getContentAsString());
		assertThat(listed.findValuesAsText("name")).contains("from-api.html");

		assertThat(call(get(page), null).getStatus()).isEqualTo(401);
		assertProblem(call(get(page), stranger), 404, "");
		assertProblem(call(put(page).content("defaced"), stranger), 404, "");
		assertProblem(call(put(page).content("changed"), reader), 403, "scopes");
		MockHttpServletResponse current = call(put(page).content("second").header("If-Match", "\"" + version + "\""),
				writer);
		assertThat(current.getStatus()).as(current.getContentAsString()).isEqualTo(200);
		MockHttpServletResponse stale = call(put(page).content("third").header("If-Match", "\"" + version + "\""),
				writer);
		assertThat(stale.getStatus()).as(stale.getContentAsString()).isEqualTo(409);
		assertProblem(call(get(files + "/content").param("path", "public/a\nb"), reader), 400, "control characters");
		assertProblem(call(put(page).content(new byte[16 * 1024 * 1024 + 1]), writer), 413, "16384 KiB");
		assertProblem(call(put(page).content("x").header("If-Match", "\"a\", \"b\""), writer), 400, "one version");
		assertThat(call(get(page), reader).getContentAsString(StandardCharsets.UTF_8)).isEqualTo("second");

		// Bytes as they are, whatever the type they are sent as: a form's type (curl's by default) among them.
		byte[] bytes = { 'a', '=', 0, '%', 'z', 'z', (byte) 0xff };
		MockHttpServletResponse binary = call(put(files + "/content?path=data.bin")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).content(bytes), writer);
		assertThat(binary.getStatus()).as(binary.getContentAsString()).isEqualTo(200);
		assertThat(binary.getHeader("ETag")).isNotBlank();
		assertThat(call(get(files + "/content?path=data.bin"), reader).getContentAsByteArray()).isEqualTo(bytes);
	}

}
