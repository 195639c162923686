package edu.tjhsst.director.manager;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * The file editor's uploads, previews, downloads and folder zips, against a stand-in orchestrator file API: what
 * reaches the app server, the upload limit, and which files a browser may show rather than only save.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FileTransferIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(FileTransferIntegrationTests.class);

	private static final AtomicInteger SITES = new AtomicInteger();

	@Autowired
	MockMvc mvc;

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
		TestAccounts.students(users, "alice");
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

	@Test
	void uploadingTwoFilesPutsEachOneToTheAppServer() throws Exception {
		long id = aliceSite("two-uploads");
		Files.createDirectories(publicDir(id).resolve("img"));
		MvcResult result = perform(multipart(api(id) + "/upload")
			.file(new MockMultipartFile("files", "a.txt", "text/plain", "A".getBytes(StandardCharsets.UTF_8)))
			.file(new MockMultipartFile("files", "b.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0 }))
			.param("directory", "public/img").with(as("alice")).with(csrf()));
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(body(result).get("uploaded")).extracting(JsonNode::asText)
			.containsExactly("public/img/a.txt", "public/img/b.png");
		assertThat(COMPONENTS.calls.stream().filter(call -> call.startsWith("PUT /sites/" + id + "/files/content?")))
			.hasSize(2);
		assertThat(Files.readString(publicDir(id).resolve("img/a.txt"))).isEqualTo("A");
		assertThat(Files.size(publicDir(id).resolve("img/b.png"))).isEqualTo(5);
	}

	@Test
	void anUploadOverSixteenMebibytesIsRefusedWithAClearMessageAndNothingIsStored() throws Exception {
		long id = aliceSite("big-upload");
		MvcResult result = perform(multipart(api(id) + "/upload")
			.file(new MockMultipartFile("files", "small.txt", "text/plain", new byte[] { 'x' }))
			.file(new MockMultipartFile("files", "huge.bin", "application/octet-stream", new byte[16 * 1024 * 1024 + 1]))
			.with(as("alice")).with(csrf()));
		assertThat(result.getResponse().getStatus()).isEqualTo(413);
		assertThat(body(result).get("error").asText()).isEqualTo("huge.bin is larger than 16 MiB, the most a file may be.");
		assertThat(publicDir(id).resolve("small.txt")).doesNotExist();
	}

	@Test
	void imagesArePreviewedUnderTheirExactTypeAndEverythingElseIsAnAttachment() throws Exception {
		long id = aliceSite("previews");
		Files.write(publicDir(id).resolve("cat.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		Files.writeString(publicDir(id).resolve("evil.svg"), "<svg onload=alert(1)></svg>");
		Files.writeString(publicDir(id).resolve("page.html"), "<script>alert(1)</script>");

		MvcResult image = perform(get("/sites/" + id + "/files/preview").param("path", "public/cat.png").with(as("alice")));
		assertThat(image.getResponse().getStatus()).isEqualTo(200);
		assertThat(image.getResponse().getContentType()).isEqualTo("image/png");
		assertThat(image.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(image.getResponse().getHeaders("Content-Security-Policy")).containsExactly("default-src 'none'");
		assertThat(image.getResponse().getContentAsByteArray()).hasSize(4);

		for (String path : List.of("public/evil.svg", "public/page.html")) {
			for (String endpoint : List.of("preview", "download")) {
				MvcResult result = perform(get("/sites/" + id + "/files/" + endpoint).param("path", path).with(as("alice")));
				assertThat(result.getResponse().getContentType()).as(endpoint + " " + path).isEqualTo("application/octet-stream");
				assertThat(result.getResponse().getHeader("Content-Disposition")).as(endpoint + " " + path).startsWith("attachment");
				assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
			}
		}
	}

	@Test
	void aFolderDownloadsAsAZipNamedAfterTheSiteAndTheFolder() throws Exception {
		long id = aliceSite("zipped");
		Files.createDirectories(publicDir(id).resolve("css"));
		Files.writeString(publicDir(id).resolve("index.html"), "home");
		Files.writeString(publicDir(id).resolve("css/site.css"), "body{}");
		MvcResult result = perform(get("/sites/" + id + "/files/zip").param("path", "public").with(as("alice")));
		String site = "zipped-" + SITES.get();
		assertThat(result.getResponse().getContentType()).isEqualTo("application/zip");
		assertThat(result.getResponse().getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"" + site + "-public.zip\"");
		List<String> names = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				names.add(entry.getName());
			}
		}
		assertThat(names).containsExactlyInAnyOrder("index.html", "css/site.css");
	}

}
