package edu.tjhsst.director.orchestrator.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;

/** The rendered appserver configs equal the golden files kept under {@code src/test/resources/golden/}. */
class AppserverTemplatesTests {

	static final SiteSpec SPEC = new SiteSpec(42, "my-site", SiteType.STATIC,
			List.of("my-site.sites.localhost", "www.example.org"));

	static final SiteSpec DYNAMIC = new SiteSpec(43, "my-app", SiteType.DYNAMIC,
			List.of("my-app.sites.localhost", "app.example.org"), "python", Map.of("SECRET", "not in the config"), null,
			null);

	static final SiteSpec PHP = new SiteSpec(44, "my-php", SiteType.PHP, List.of("my-php.sites.localhost"), "php",
			Map.of("SECRET", "not in the config"), null, null);

	private final AppserverTemplates templates = new AppserverTemplates();

	@Test
	void staticSiteConfigMatchesItsGoldenFile() throws IOException {
		assertThat(templates.site(SPEC)).isEqualTo(golden("site-42.conf"));
	}

	@Test
	void dynamicSiteConfigMatchesItsGoldenFile() throws IOException {
		assertThat(templates.site(DYNAMIC)).isEqualTo(golden("site-43-dynamic.conf")).doesNotContain("SECRET");
	}

	@Test
	void phpSiteConfigMatchesItsGoldenFile() throws IOException {
		assertThat(templates.site(PHP)).isEqualTo(golden("site-44-php.conf")).doesNotContain("SECRET");
	}

	@Test
	void theProcessDownPageTellsTheOwnerToRestart() {
		assertThat(templates.processDownPage()).contains("<title>This site is not running</title>")
			.contains("its owner can restart it from the portal");
	}

	@Test
	void mainConfigInTheContainerMatchesItsGoldenFile() throws IOException {
		assertThat(templates.mainConfig(AppserverTemplates.MainPaths.inContainer())).isEqualTo(golden("nginx.conf"));
	}

	@Test
	void testWrapperIncludesOnlyTheFileUnderTest() throws IOException {
		assertThat(templates.testWrapper("/etc/director/nginx/staging/site-42.conf"))
			.isEqualTo(golden("test-wrapper.conf"));
	}

	@Test
	void anInvalidSpecIsNeverRendered() {
		SiteSpec hostile = new SiteSpec(42, "my-site", SiteType.STATIC, List.of("evil; include /etc/shadow"));
		assertThatIllegalArgumentException().isThrownBy(() -> templates.site(hostile))
			.withMessageContaining("not a valid host name");
	}

	@Test
	void theNotFoundPageSaysNoSiteIsHere() {
		assertThat(templates.notFoundPage()).contains("<title>No site here</title>");
	}

	private static String golden(String name) throws IOException {
		try (InputStream in = AppserverTemplatesTests.class.getResourceAsStream("/golden/" + name)) {
			assertThat(in).as("golden file %s", name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
