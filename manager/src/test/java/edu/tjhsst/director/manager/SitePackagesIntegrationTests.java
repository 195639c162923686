package edu.tjhsst.director.manager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import edu.tjhsst.director.manager.operation.Operation;
import edu.tjhsst.director.manager.operation.OperationKind;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.operation.Status;
import edu.tjhsst.director.manager.user.UserRepository;

import static edu.tjhsst.director.manager.OperationWaits.awaitFinished;
import static edu.tjhsst.director.manager.OperationWaits.awaitSucceeded;
import static edu.tjhsst.director.manager.TestAccounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A site's own packages and image, and the runtimes administrators manage: bad names change nothing, a good list
 * builds an image the spec then carries, a failed build keeps the old image, a hidden runtime is not offered.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SitePackagesIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(SitePackagesIntegrationTests.class);

	private static final RequestPostProcessor ADMIN = SecurityMockMvcRequestPostProcessors.user("admin").roles("ADMIN");

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
		TestAccounts.students(users, "erin", "frank");
	}

	@AfterEach
	void orchestratorUp() {
		COMPONENTS.runtimesDown.set(false);
	}

	private long createSite(String user, String name, String type, String runtime) throws Exception {
		long id = SiteForms.create(mvc, user, name, type, runtime);
		awaitSucceeded(operations, id, OperationKind.CREATE_SITE);
		return id;
	}

	private String column(long siteId, String column) {
		return jdbc.sql("select " + column + " from sites where id = ?").param(siteId).query(String.class).list().get(0);
	}

	@Test
	void aShellCommandAsAPackageNameIsExplainedAndNothingIsSaved() throws Exception {
		long id = createSite("erin", "erin-bad-pkgs", "DYNAMIC", "python");

		mvc.perform(post("/sites/" + id + "/packages").param("packages", "jq\nfoo; rm -rf /").with(as("erin"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"packages-error\"")))
			.andExpect(content().string(containsString(
					"&quot;foo;&quot; is not a Debian package name (use lowercase letters, digits, + - and .)")))
			.andExpect(content().string(containsString("&quot;-rf&quot; is not a Debian package name")))
			.andExpect(content().string(containsString("foo; rm -rf /</textarea>")));

		assertThat(column(id, "packages")).isEmpty();
		assertThat(operations.latest(id).orElseThrow().kind()).isEqualTo(OperationKind.CREATE_SITE);
	}

	@Test
	void aGoodListIsSavedAndBuiltAndTheSpecCarriesTheBuiltImage() throws Exception {
		long id = createSite("erin", "erin-pkgs", "DYNAMIC", "python");
		assertThat(column(id, "image")).as("no build is needed for the runtime alone").isNull();
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"image\":\"director/runtime-python:3\""));
		mvc.perform(get("/sites/" + id).with(as("erin")))
			.andExpect(content().string(containsString("href=\"/sites/" + id + "/packages\"")));

		mvc.perform(post("/sites/" + id + "/packages").param("packages", " jq, cowsay\n").with(as("erin"))
			.with(csrf()))
			.andExpect(status().is3xxRedirection());

		Operation operation = awaitFinished(operations, id, OperationKind.UPDATE_PACKAGES);
		assertThat(operation.status()).isEqualTo(Status.SUCCEEDED);
		assertThat(operation.actions()).extracting(action -> action.slug())
			.containsExactly("build_image", "apply_appserver", "check_reachable");
		assertThat(column(id, "packages")).isEqualTo("jq cowsay");
		String image = column(id, "image");
		assertThat(image).matches("director/site-" + id + ":[0-9a-f]{12}");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("POST /sites/" + id + "/image ")
				&& call.contains("\"base\":\"director/runtime-python:3\"") && call.contains("\"packages\":[\"jq\",\"cowsay\"]"));
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("PUT /sites/" + id + " ")
				&& call.contains("\"image\":\"" + image + "\""));
		mvc.perform(get("/sites/" + id + "/packages").with(as("erin")))
			.andExpect(content().string(containsString("jq\ncowsay</textarea>")))
			.andExpect(content().string(containsString("id=\"build-log\"")))
			.andExpect(content().string(containsString("Built " + image)));
	}

	@Test
	void aFailedBuildKeepsThePreviousImageAndShowsItsMessageAndLog() throws Exception {
		long id = createSite("erin", "erin-fail", "DYNAMIC", "python");
		mvc.perform(post("/sites/" + id + "/packages").param("packages", "jq").with(as("erin")).with(csrf()));
		assertThat(awaitFinished(operations, id, OperationKind.UPDATE_PACKAGES).status()).isEqualTo(Status.SUCCEEDED);
		String before = column(id, "image");
		long specsBefore = COMPONENTS.calls.stream().filter(call -> call.startsWith("PUT /sites/" + id + " ")).count();

		mvc.perform(post("/sites/" + id + "/packages").param("packages", "jq " + StandInComponents.FAILING_PACKAGE)
			.with(as("erin")).with(csrf()))
			.andExpect(status().is3xxRedirection());

		Operation operation = awaitFinished(operations, id, OperationKind.UPDATE_PACKAGES);
		assertThat(operation.status()).isEqualTo(Status.FAILED);
		assertThat(operation.actions().get(0).message()).startsWith("The image build failed: ")
			.endsWith("The build log is on the site's Packages page.");
		assertThat(column(id, "image")).isEqualTo(before).isNotNull();
		assertThat(COMPONENTS.calls.stream().filter(call -> call.startsWith("PUT /sites/" + id + " ")).count())
			.as("the spec is not sent again").isEqualTo(specsBefore);
		mvc.perform(get("/sites/" + id).with(as("erin")))
			.andExpect(content().string(containsString("The image build failed: ")));
		mvc.perform(get("/sites/" + id + "/packages").with(as("erin")))
			.andExpect(content().string(containsString("Unable to locate package fail-build")));

		// The owner fixes the list: the failed operation is retried with it, nothing else is locked out.
		mvc.perform(post("/sites/" + id + "/packages").param("packages", "jq cowsay").with(as("erin")).with(csrf()))
			.andExpect(status().is3xxRedirection());

		awaitSucceeded(operations, id, OperationKind.UPDATE_PACKAGES);
		assertThat(operations.latest(id).orElseThrow().id()).isEqualTo(operation.id());
		assertThat(column(id, "packages")).isEqualTo("jq cowsay");
		assertThat(column(id, "image")).isNotEqualTo(before).startsWith("director/site-" + id + ":");
	}

	@Test
	void packagesCannotBeChangedWhileAnotherOperationFailed() throws Exception {
		long id = createSite("erin", "erin-locked", "DYNAMIC", "python");
		COMPONENTS.orchestratorFailures.set(1);
		mvc.perform(post("/sites/" + id + "/env").param("name", "A").param("value", "1").with(as("erin"))
			.with(csrf()));
		Operation failed = awaitFinished(operations, id, OperationKind.UPDATE_ENVIRONMENT);
		assertThat(failed.status()).isEqualTo(Status.FAILED);

		mvc.perform(post("/sites/" + id + "/packages").param("packages", "jq").with(as("erin")).with(csrf()))
			.andExpect(status().is3xxRedirection());

		assertThat(column(id, "packages")).isEmpty();
		assertThat(operations.latest(id).orElseThrow().id()).isEqualTo(failed.id());
	}

	@Test
	void aStaticSiteHasNoPackagesAndOthersCannotSeeThem() throws Exception {
		long staticId = createSite("erin", "erin-static", "STATIC", "");
		assertThat(operations.latest(staticId).orElseThrow().actions()).extracting(action -> action.slug())
			.as("a static site builds no image").containsExactly("apply_appserver", "publish_route", "check_reachable");
		mvc.perform(get("/sites/" + staticId + "/packages").with(as("erin"))).andExpect(status().isNotFound());
		mvc.perform(get("/sites/" + staticId).with(as("erin")))
			.andExpect(content().string(not(containsString("id=\"edit-packages\""))));
		long id = createSite("erin", "erin-private", "DYNAMIC", "plain");
		assertThat(operations.latest(id).orElseThrow().actions()).extracting(action -> action.slug())
			.containsExactly("build_image", "apply_appserver", "publish_route", "check_reachable");
		mvc.perform(get("/sites/" + id + "/packages").with(as("frank"))).andExpect(status().isNotFound());
		mvc.perform(post("/sites/" + id + "/packages").param("packages", "jq").with(as("frank")).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(column(id, "packages")).isEmpty();
	}

	@Test
	void anAdministratorAddsEditsAndHidesARuntime() throws Exception {
		mvc.perform(get("/admin/runtimes").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"runtime-python\"")))
			.andExpect(content().string(containsString("id=\"nav-runtimes\"")));
		mvc.perform(get("/admin/runtimes/new").with(ADMIN))
			.andExpect(content().string(containsString("<option value=\"director/runtime-extra:1\"")));

		mvc.perform(post("/admin/runtimes/new").param("name", "Extra Tools").param("title", "")
			.param("description", "Tools").param("baseImage", "director/not-offered:1").param("setupCommands", "")
			.with(ADMIN).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"name-error\"")))
			.andExpect(content().string(containsString("id=\"title-error\"")))
			.andExpect(content().string(containsString("id=\"baseImage-error\"")));
		assertThat(jdbc.sql("select count(*) from runtimes where name in ('extra', 'Extra Tools')").query(Long.class)
			.single()).isZero();

		mvc.perform(post("/admin/runtimes/new").param("name", "extra").param("title", "Extra tools")
			.param("description", "Plain Debian with a tools folder.").param("baseImage", "director/runtime-extra:1")
			.param("setupCommands", "mkdir -p /opt/tools\r\necho ready > /opt/tools/ready").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/sites/new").with(as("erin")))
			.andExpect(content().string(containsString("Extra tools — Plain Debian with a tools folder.")));

		long id = createSite("erin", "erin-extra", "DYNAMIC", "extra");
		assertThat(COMPONENTS.calls).anyMatch(call -> call.startsWith("POST /sites/" + id + "/image ")
				&& call.contains("\"setup\":\"mkdir -p /opt/tools\\necho ready > /opt/tools/ready\""));
		assertThat(column(id, "image")).as("setup commands alone need a build").startsWith("director/site-" + id + ":");

		mvc.perform(post("/admin/runtimes/extra/edit").param("name", "renamed").param("title", "Extra tools 2")
			.param("description", "Now hidden.").param("baseImage", "director/runtime-extra:1")
			.param("setupCommands", "").param("hidden", "true").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select title || '|' || hidden from runtimes where name = 'extra'").query(String.class)
			.single()).isEqualTo("Extra tools 2|true");
		assertThat(jdbc.sql("select count(*) from runtimes where name = 'renamed'").query(Long.class).single())
			.isZero();
		mvc.perform(get("/admin/runtimes").with(ADMIN))
			.andExpect(content().string(containsString("runtime-hidden")));
		mvc.perform(get("/sites/new").with(as("erin")))
			.andExpect(content().string(not(containsString("value=\"extra\""))));
		mvc.perform(post("/sites/new").param("name", "erin-hidden").param("type", "DYNAMIC").param("runtime", "extra")
			.with(as("erin")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"runtime-error\"")));

		// The site already on the hidden runtime keeps working: its packages still build on it.
		mvc.perform(post("/sites/" + id + "/packages").param("packages", "jq").with(as("erin")).with(csrf()));
		assertThat(awaitFinished(operations, id, OperationKind.UPDATE_PACKAGES).status()).isEqualTo(Status.SUCCEEDED);
	}

	@Test
	void theCurrentImageIsKeptWhenTheOrchestratorCannotListImages() throws Exception {
		COMPONENTS.runtimesDown.set(true);

		mvc.perform(get("/admin/runtimes/plain/edit").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"images-unavailable\"")))
			.andExpect(content().string(containsString("<option value=\"director/runtime-plain:3\" selected")));
		mvc.perform(post("/admin/runtimes/plain/edit").param("title", "Plain Debian")
			.param("description", "Debian 12 with the basics.").param("baseImage", "director/runtime-plain:3")
			.param("setupCommands", "").with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/runtimes/plain/edit").param("title", "Plain Debian")
			.param("description", "Debian 12 with the basics.").param("baseImage", "director/runtime-python:3")
			.param("setupCommands", "").with(ADMIN).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("cannot be changed right now")));
		assertThat(jdbc.sql("select base_image || '|' || description from runtimes where name = 'plain'")
			.query(String.class).single()).isEqualTo("director/runtime-plain:3|Debian 12 with the basics.");
	}

	@Test
	void nonAdministratorsCannotManageRuntimes() throws Exception {
		mvc.perform(get("/admin/runtimes").with(as("erin"))).andExpect(status().isForbidden());
		mvc.perform(get("/admin/runtimes/new").with(as("erin"))).andExpect(status().isForbidden());
		mvc.perform(post("/admin/runtimes/new").param("name", "sneaky").param("title", "Sneaky")
			.param("description", "No.").param("baseImage", "director/runtime-plain:3").with(as("erin"))
			.with(csrf())).andExpect(status().isForbidden());
		mvc.perform(get("/admin/runtimes/nosuch/edit").with(ADMIN)).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from runtimes where name = 'sneaky'").query(Long.class).single()).isZero();
	}

}
