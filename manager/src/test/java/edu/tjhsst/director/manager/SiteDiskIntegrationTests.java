package edu.tjhsst.director.manager;

import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.common.site.DiskUsage;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * A site's disk space: the administrator's setting and the spec it reaches the orchestrator in, the use its page
 * shows whatever the orchestrator answers, and the message a write to a full disk gives.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SiteDiskIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SiteDiskIntegrationTests.class);

	private static final AtomicInteger SITES = new AtomicInteger();

	private static final long GIB = 1024L * 1024 * 1024;

	private static final String FULL_WARNING = "This site has used all of its disk space: writing files fails until "
			+ "some are deleted or an administrator gives it more.";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserRepository users;

	@Autowired
	Operations operations;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "gina", "hugo");
	}

	private static RequestPostProcessor admin() {
		return SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");
	}

	/** A new static site of gina's whose creation has finished. */
	private long ginasSite() throws Exception {
		long id = SiteForms.create(mvc, "gina", "gina-disk-" + SITES.incrementAndGet(), "STATIC", null);
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	private Long storedDisk(long id) {
		return (Long) jdbc.sql("select disk_mib from sites where id = ?").param(id).query().singleRow().get("disk_mib");
	}

	private long diskCalls(long id) {
		return COMPONENTS.calls.stream().filter(call -> call.startsWith("GET /sites/" + id + "/disk ")).count();
	}

	@Test
	void anAdministratorsDiskSpaceIsStoredShownAgainAndSentToTheOrchestratorInTheSitesLimits() throws Exception {
		long id = ginasSite();
		mvc.perform(get("/admin/sites/" + id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"disk\"")))
			.andExpect(content().string(containsString("from 16M to 1024G. Default <span>1G</span>.")));

		mvc.perform(post("/admin/sites/" + id).param("disk", "64M").param("availability", "ENABLED").with(admin())
			.with(csrf())).andExpect(redirectedUrl("/sites/" + id));

		awaitSucceeded(operations, id, OperationKind.UPDATE_SETTINGS);
		assertThat(storedDisk(id)).isEqualTo(64L);
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"maxBodyMiB\":32,\"diskMiB\":64,\"phpWorkers\":5}"));
		mvc.perform(get("/admin/sites/" + id).with(admin()))
			.andExpect(content().string(containsString("value=\"64M\"")));
	}

	@Test
	void tooMuchDiskSpaceIsExplainedNextToTheFieldAndChangesNothing() throws Exception {
		long id = ginasSite();

		mvc.perform(post("/admin/sites/" + id).param("disk", "2T").param("availability", "ENABLED").with(admin())
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"disk-error\"")))
			.andExpect(content().string(containsString("Disk space must be at most 1024G.")));

		assertThat(storedDisk(id)).isNull();
		assertThat(operations.latest(id).orElseThrow().kind()).isEqualTo(OperationKind.CREATE_SITE);
	}

	@Test
	void theSitePageShowsItsDiskUseToItsOwnerAndAnAdministratorWithOneCallToTheOrchestrator() throws Exception {
		long id = ginasSite();
		COMPONENTS.disks.put(id, new DiskUsage(3_355_443, GIB));
		long before = diskCalls(id);

		mvc.perform(get("/sites/" + id).with(as("gina")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Disk: 3.2 MB used of 1 GB")))
			.andExpect(content().string(not(containsString("id=\"disk-full\""))));
		assertThat(diskCalls(id)).isEqualTo(before + 1);
		mvc.perform(get("/sites/" + id).with(admin()))
			.andExpect(content().string(containsString("Disk: 3.2 MB used of 1 GB")));
		mvc.perform(get("/sites/" + id).with(as("hugo"))).andExpect(status().isNotFound());
	}

	@Test
	void aSiteWhoseFilesTakeAllItsSpaceWarnsThatWritingFilesFails() throws Exception {
		long id = ginasSite();
		COMPONENTS.disks.put(id, new DiskUsage(64L * 1024 * 1024, 64L * 1024 * 1024));

		mvc.perform(get("/sites/" + id).with(as("gina")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"disk-full\"")))
			.andExpect(content().string(containsString(FULL_WARNING)))
			.andExpect(content().string(containsString("Disk: 64 MB used of 64 MB")));
	}

	@Test
	void aPlatformThatDoesNotLimitDiskSpaceShowsTheUseAndSaysSo() throws Exception {
		long id = ginasSite();
		COMPONENTS.disks.put(id, new DiskUsage(5L * GIB / 2, null));

		mvc.perform(get("/sites/" + id).with(as("gina")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Disk: 2.5 GB used (not limited on this platform)")))
			.andExpect(content().string(not(containsString("id=\"disk-full\""))));
	}

	@Test
	void theSitePageStillRendersWhenTheOrchestratorFailsToTellItsDiskUse() throws Exception {
		long id = ginasSite();
		COMPONENTS.disksFailing.add(id);

		mvc.perform(get("/sites/" + id).with(as("gina")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Disk use is unknown right now.")))
			.andExpect(content().string(containsString("id=\"site-name\"")))
			.andExpect(content().string(not(containsString("du failed"))))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	void savingOrUploadingToAFullDiskShowsTheOrchestratorsMessageAndChangesNothing() throws Exception {
		long id = ginasSite();
		Path index = COMPONENTS.files.site(id).resolve("public/index.html");
		Files.writeString(index, "before");
		COMPONENTS.files.full.add(id);

		mvc.perform(put("/sites/" + id + "/files/api/content").param("path", "public/index.html")
			.content("after".getBytes(StandardCharsets.UTF_8)).contentType("text/plain;charset=UTF-8")
			.with(as("gina")).with(csrf()))
			.andExpect(status().isInsufficientStorage())
			.andExpect(jsonPath("$.error").value(FakeSiteFiles.DISK_FULL));
		mvc.perform(multipart("/sites/" + id + "/files/api/upload").file(new MockMultipartFile("files", "photo.png",
				"image/png", new byte[] { 1, 2, 3 })).with(as("gina")).with(csrf()))
			.andExpect(status().isInsufficientStorage())
			.andExpect(jsonPath("$.error").value(FakeSiteFiles.DISK_FULL));

		assertThat(Files.readString(index)).isEqualTo("before");
		assertThat(index.resolveSibling("photo.png")).doesNotExist();
	}

}
