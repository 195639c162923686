package edu.tjhsst.director.manager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** The file editor's page, API and live channel, and that no file endpoint answers another student. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class FileEditorIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(FileEditorIntegrationTests.class);

	private static final AtomicInteger SITES = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@Autowired
	UserRepository users;

	@Autowired
	ObjectMapper json;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "alice", "bob");
	}

	/** A new site of alice's, named after the test, with its directory ready in the fake orchestrator. */
	private long aliceSite(String name) throws Exception {
		long id = SiteForms.create(mvc, "alice", name + "-" + SITES.incrementAndGet(), "STATIC", null);
		COMPONENTS.files.site(id);
		return id;
	}

	private Path publicDir(long siteId) {
		return COMPONENTS.files.site(siteId).resolve("public");
	}

	private MvcResult perform(RequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn();
	}

	private JsonNode body(MvcResult result) throws Exception {
		return json.readTree(result.getResponse().getContentAsString());
	}

	private String api(long siteId) {
		return "/sites/" + siteId + "/files/api";
	}

	private long fileCalls(long siteId) {
		return COMPONENTS.calls.stream().filter(call -> call.contains(" /sites/" + siteId + "/files")).count();
	}

	private long fingerprintPolls(long siteId) {
		return COMPONENTS.calls.stream().filter(call -> call.startsWith("GET /sites/" + siteId + "/files/fingerprint "))
			.count();
	}

	@Test
	void anotherStudentGetsNotFoundThroughEveryFileEndpointAndTheAppServerIsNeverAsked() throws Exception {
		long id = aliceSite("private-files");
		Files.writeString(publicDir(id).resolve("secret.html"), "alice's");
		long before = fileCalls(id);
		String api = api(id);
		List<RequestBuilder> requests = new ArrayList<>(List.of(
				get("/sites/" + id + "/files"),
				get(api + "/tree"),
				get(api + "/list").param("path", "public"),
				get(api + "/usage"),
				get(api + "/content").param("path", "public/secret.html"),
				put(api + "/content").param("path", "public/secret.html").content("bob's").with(csrf()),
				post(api + "/create").param("path", "public/new.html").with(csrf()),
				post(api + "/mkdir").param("path", "public/dir").with(csrf()),
				post(api + "/move").param("from", "public/secret.html").param("to", "public/x.html").with(csrf()),
				post(api + "/chmod").param("path", "public/secret.html").param("mode", "777").with(csrf()),
				delete(api).param("path", "public").param("recursive", "true").with(csrf()),
				multipart(api + "/upload").file(new MockMultipartFile("files", "a.txt", "text/plain", new byte[] { 1 }))
					.with(csrf()),
				get("/sites/" + id + "/files/download").param("path", "public/secret.html"),
				get("/sites/" + id + "/files/preview").param("path", "public/secret.html"),
				get("/sites/" + id + "/files/zip").param("path", "public"),
				get("/live/files?site=" + id).header("Upgrade", "websocket").header("Connection", "Upgrade")
					.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").header("Sec-WebSocket-Version", "13")));
		for (RequestBuilder request : requests) {
			MvcResult result = perform(request instanceof org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder builder
					? builder.with(as("bob")) : request);
			assertThat(result.getResponse().getStatus()).as(result.getRequest().getMethod() + " "
					+ result.getRequest().getRequestURI()).isEqualTo(404);
			assertThat(result.getResponse().getContentAsString()).doesNotContain("alice's").doesNotContain("Exception");
		}
		assertThat(fileCalls(id)).as("calls to the orchestrator's file API").isEqualTo(before);
		assertThat(Files.readString(publicDir(id).resolve("secret.html"))).isEqualTo("alice's");
	}

	@Test
	void theEditorPageCarriesTheCsrfTokenAndTheSitePageLinksToIt() throws Exception {
		long id = aliceSite("editor-page");
		String page = perform(get("/sites/" + id + "/files").with(as("alice"))).getResponse().getContentAsString();
		assertThat(page).contains("<meta name=\"_csrf\" content=\"").contains("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\"")
			.contains("\"/webjars/codemirror/lib/codemirror.js\"").contains("/js/editor.js").doesNotContain("<script>");
		assertThat(perform(get("/sites/" + id).with(as("alice"))).getResponse().getContentAsString())
			.contains("href=\"/sites/" + id + "/files\"");
		// Links name no version (see PageLinks); the WebJars locator finds the file.
		assertThat(perform(get("/webjars/codemirror/lib/codemirror.js")).getResponse().getStatus()).isEqualTo(200);
		assertThat(perform(get("/webjars/codemirror/mode/htmlmixed/htmlmixed.js")).getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void aSavedFileOpensAgainWithItsTextAndANewVersion() throws Exception {
		long id = aliceSite("save-open");
		MvcResult saved = perform(put(api(id) + "/content").param("path", "public/hello world.html")
			.content("<h1>Hi</h1>".getBytes(StandardCharsets.UTF_8)).contentType("text/plain;charset=UTF-8")
			.with(as("alice")).with(csrf()));
		assertThat(saved.getResponse().getStatus()).isEqualTo(200);
		String version = body(saved).get("version").asText();
		assertThat(Files.readString(publicDir(id).resolve("hello world.html"))).isEqualTo("<h1>Hi</h1>");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id
				+ "/files/content?path=public%2Fhello%20world.html "));

		JsonNode opened = body(perform(get(api(id) + "/content").param("path", "public/hello world.html").with(as("alice"))));
		assertThat(opened.get("text").asText()).isEqualTo("<h1>Hi</h1>");
		assertThat(opened.get("version").asText()).isEqualTo(version);
		assertThat(opened.get("binary").asBoolean()).isFalse();

		JsonNode tree = body(perform(get(api(id) + "/tree").with(as("alice"))));
		assertThat(tree.get("entries").findValuesAsText("path")).contains("public", "public/hello world.html");
	}

	@Test
	void savingWithAStaleVersionIsAConflictAndChangesNothing() throws Exception {
		long id = aliceSite("stale-save");
		Files.writeString(publicDir(id).resolve("index.html"), "first");
		String version = body(perform(get(api(id) + "/content").param("path", "public/index.html").with(as("alice"))))
			.get("version").asText();
		Files.writeString(publicDir(id).resolve("index.html"), "changed in a terminal");

		MvcResult stale = perform(put(api(id) + "/content").param("path", "public/index.html").param("version", version)
			.content("mine").with(as("alice")).with(csrf()));
		assertThat(stale.getResponse().getStatus()).isEqualTo(409);
		assertThat(body(stale).get("error").asText()).isEqualTo("The file changed on disk since it was opened.");
		assertThat(Files.readString(publicDir(id).resolve("index.html"))).isEqualTo("changed in a terminal");

		MvcResult overwrite = perform(put(api(id) + "/content").param("path", "public/index.html").content("mine")
			.with(as("alice")).with(csrf()));
		assertThat(overwrite.getResponse().getStatus()).isEqualTo(200);
		assertThat(Files.readString(publicDir(id).resolve("index.html"))).isEqualTo("mine");
	}

	@Test
	void theAppServersRefusalsKeepTheirStatusAndMessage() throws Exception {
		long id = aliceSite("refusals");
		Files.createDirectories(publicDir(id).resolve("full"));
		Files.writeString(publicDir(id).resolve("full/a.txt"), "a");
		Files.writeString(publicDir(id).resolve("run.sh"), "#!/bin/sh");

		MvcResult setuid = perform(post(api(id) + "/chmod").param("path", "public/run.sh").param("mode", "4755")
			.with(as("alice")).with(csrf()));
		assertThat(setuid.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(setuid).get("error").asText()).contains("setuid");
		assertThat(perform(post(api(id) + "/chmod").param("path", "public/run.sh").param("mode", "755")
			.with(as("alice")).with(csrf())).getResponse().getStatus()).isEqualTo(200);

		MvcResult notEmpty = perform(delete(api(id)).param("path", "public/full").with(as("alice")).with(csrf()));
		assertThat(notEmpty.getResponse().getStatus()).isEqualTo(409);
		assertThat(body(notEmpty).get("error").asText()).isEqualTo("The folder is not empty.");
		assertThat(perform(delete(api(id)).param("path", "public/full").param("recursive", "true").with(as("alice"))
			.with(csrf())).getResponse().getStatus()).isEqualTo(200);
		assertThat(publicDir(id).resolve("full")).doesNotExist();

		MvcResult missing = perform(get(api(id) + "/content").param("path", "public/nope.txt").with(as("alice")));
		assertThat(missing.getResponse().getStatus()).isEqualTo(404);
		assertThat(body(missing).get("error").asText()).isEqualTo("No such file or folder.");
	}

	@Test
	void creatingMovingAndMakingFoldersWork() throws Exception {
		long id = aliceSite("operations");
		assertThat(perform(post(api(id) + "/create").param("path", "public/new.html").with(as("alice")).with(csrf()))
			.getResponse().getStatus()).isEqualTo(201);
		MvcResult again = perform(post(api(id) + "/create").param("path", "public/new.html").with(as("alice")).with(csrf()));
		assertThat(again.getResponse().getStatus()).isEqualTo(409);
		assertThat(body(again).get("error").asText()).isEqualTo("public/new.html already exists.");
		assertThat(perform(post(api(id) + "/mkdir").param("path", "public/pages").with(as("alice")).with(csrf()))
			.getResponse().getStatus()).isEqualTo(201);
		assertThat(perform(post(api(id) + "/move").param("from", "public/new.html").param("to", "public/pages/new.html")
			.with(as("alice")).with(csrf())).getResponse().getStatus()).isEqualTo(200);
		assertThat(publicDir(id).resolve("pages/new.html")).exists();
		assertThat(publicDir(id).resolve("new.html")).doesNotExist();
	}

	@Test
	void pathsWithControlCharactersOrOverFourKilobytesNeverReachTheAppServer() throws Exception {
		long id = aliceSite("bad-paths");
		long before = fileCalls(id);
		for (String path : List.of("public/a\u0000b", "public/line\nbreak", "public/" + "x".repeat(4100))) {
			MvcResult result = perform(get(api(id) + "/content").param("path", path).with(as("alice")));
			assertThat(result.getResponse().getStatus()).isEqualTo(400);
			assertThat(body(result).get("error").asText()).isNotBlank();
		}
		assertThat(fileCalls(id)).isEqualTo(before);
	}

	@Test
	void fileChangesWithoutACsrfTokenAreRefused() throws Exception {
		long id = aliceSite("no-csrf");
		assertThat(perform(put(api(id) + "/content").param("path", "public/x.html").content("x").with(as("alice")))
			.getResponse().getStatus()).isEqualTo(403);
		assertThat(perform(multipart(api(id) + "/upload")
			.file(new MockMultipartFile("files", "a.txt", "text/plain", new byte[] { 1 })).with(as("alice")))
			.getResponse().getStatus()).isEqualTo(403);
		assertThat(perform(delete(api(id)).param("path", "public").param("recursive", "true").with(as("alice")))
			.getResponse().getStatus()).isEqualTo(403);
		assertThat(publicDir(id).resolve("x.html")).doesNotExist();
		assertThat(publicDir(id)).exists();
	}

	@Test
	void anOpenEditorHearsWhenTheSitesFilesChangeOnDisk() throws Exception {
		long id = aliceSite("live-tree");
		HttpClient http = SignedInBrowser.signIn(port, "alice");
		BlockingQueue<String> messages = new LinkedBlockingQueue<>();
		WebSocket socket = http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + port + "/live/files?site=" + id), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					messages.add(data.toString());
					webSocket.request(1);
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		try {
			// Change a file behind the editor's back only once a poll has recorded the fingerprint as it was: the
			// polls run one after another, so when a second one reaches the orchestrator the first has finished.
			Await.until("two polls of the site's fingerprint", Duration.ofSeconds(10),
					() -> fingerprintPolls(id) >= 2);
			assertThat(messages).isEmpty();
			Files.writeString(publicDir(id).resolve("from-a-terminal.txt"), "hello");
			assertThat(Await.next("the editor's change message", Duration.ofSeconds(10), messages))
				.isEqualTo("{\"changed\":true}");
		}
		finally {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
		}
	}

}
