package edu.tjhsst.director.orchestrator.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.common.testing.Golden;

/** The rendered appserver configs equal the golden files kept under {@code src/test/resources/golden/}. */
class AppserverTemplatesTests {

	static final SiteSpec SPEC = new SiteSpec(42, "my-site", SiteType.STATIC,
			List.of("my-site.sites.localhost", "www.example.org"));

	static final SiteSpec DYNAMIC = new SiteSpec(43, "my-app", SiteType.DYNAMIC,
			List.of("my-app.sites.localhost", "app.example.org"), "python", Map.of("SECRET", "not in the config"), null,
			null);

	static final SiteSpec NOT_SERVED = new SiteSpec(44, "hidden", SiteType.STATIC, List.of("hidden.sites.localhost"),
			null, null, Map.of(), null, SiteAvailability.NOT_SERVED, null);

	static final SiteSpec DISABLED = new SiteSpec(45, "turned-off", SiteType.DYNAMIC,
			List.of("turned-off.sites.localhost", "off.example.org"), "python", null, Map.of(), null,
			SiteAvailability.DISABLED, null);

	static final SiteSpec PHP = new SiteSpec(44, "my-php", SiteType.PHP, List.of("my-php.sites.localhost"), "php",
			Map.of("SECRET", "not in the config"), null, null);

	private final AppserverTemplates templates = new AppserverTemplates(new SiteNames(""),
			List.of("172.18.0.1", "192.0.2.0/24"));

	@Test
	void aSiteThatIsNotServedAnswers404WithTheNotFoundPage() {
		Golden.assertMatches(templates.site(NOT_SERVED), "site-44-not-served.conf");
	}

	@Test
	void aDisabledSiteAnswers503WithTheDisabledPageWhateverItsType() {
		Golden.assertMatches(templates.site(DISABLED), "site-45-disabled.conf");
	}

	@Test
	void everySiteWithAProcessAcceptsBodiesUpToItsOwnLimit() {
		// A static site takes no bodies: Nginx answers a POST to a file with 405 whatever its size.
		SiteLimits limits = new SiteLimits(null, null, null, 7L);
		assertThat(templates.site(new SiteSpec(46, "small-php", SiteType.PHP, List.of("small.sites.localhost"), "php",
				null, Map.of(), limits, null, null))).contains("\tclient_max_body_size 7m;\n");
		assertThat(templates.site(new SiteSpec(47, "small-app", SiteType.DYNAMIC, List.of("small-app.sites.localhost"),
				"node", null, Map.of(), limits, null, null))).contains("\tclient_max_body_size 7m;\n");
	}

	@Test
	void theDisabledPageSaysSoAndNothingElse() {
		assertThat(templates.disabledPage()).contains("<title>This site has been disabled</title>")
			.contains("<h1>This site has been disabled</h1>").doesNotContain("{{");
	}

	@Test
	void aStaticSiteIsLinesOfTheMainConfigsMapThatMatchTheirGoldenFile() {
		assertThat(AppserverTemplates.siteFileName(SPEC)).isEqualTo("site-42.map");
		Golden.assertMatches(templates.site(SPEC), "site-42.map");
		// Written as they are: a backslash before a name that starts with t, n or r would make it a control character.
		assertThat(templates.site(new SiteSpec(46, "tom", SiteType.STATIC, List.of("tom.sites.localhost"))))
			.contains("\ntom.sites.localhost 46;\n");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> templates.site(new SiteSpec(47, "bare", SiteType.STATIC, List.of("default"))));
	}

	@Test
	void dynamicSiteConfigMatchesItsGoldenFile() {
		Golden.assertMatches(templates.site(DYNAMIC), "site-43-dynamic.conf");
		assertThat(templates.site(DYNAMIC)).doesNotContain("SECRET");
	}

	@Test
	void phpSiteConfigMatchesItsGoldenFile() {
		Golden.assertMatches(templates.site(PHP), "site-44-php.conf");
		assertThat(templates.site(PHP)).doesNotContain("SECRET");
	}

	@Test
	void theProcessDownPageTellsTheOwnerToRestart() {
		assertThat(templates.processDownPage()).contains("<title>This site is not running</title>")
			.contains("its owner can restart it from the portal");
	}

	@Test
	void mainConfigInTheContainerMatchesItsGoldenFile() {
		Golden.assertMatches(templates.mainConfig(AppserverTemplates.MainPaths.inContainer()), "nginx.conf");
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

}
