package edu.tjhsst.director.router.nginx;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.router.AppServer;
import edu.tjhsst.director.router.RouterProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The router's rendered configs against their golden files, and route files read back. */
class RouterTemplatesTests {

	static final RouterProperties PROPERTIES = new RouterProperties(Path.of("/srv/director/router-nginx"), "0.0.0.0",
			8000, List.of(new AppServer("10.0.0.5", 8081), new AppServer("app-2.internal", 8081)), "/usr/sbin/nginx",
			"", "/srv/director/secrets/router.key");

	static final Route ALICE = new Route(42, List.of("alice.sites.localhost", "www.alice.example.org"));

	private final RouterTemplates templates = new RouterTemplates(new NginxTemplates(), PROPERTIES);

	@Test
	void theMainConfigMatchesItsGoldenFile() {
		Golden.assertMatches(templates.main(), "nginx.conf");
	}

	@Test
	void theRouterAcceptsTheLargestBodyAnySiteMayBeAllowed() {
		assertThat(templates.main()).contains("client_max_body_size " + SiteLimits.MAX_BODY_MIB + "m;");
	}

	@Test
	void theTestWrapperMatchesItsGoldenFile() {
		Golden.assertMatches(templates.wrapper("/srv/director/router-nginx/staging/route-42.conf"),
				"test-wrapper.conf");
	}

	@Test
	void aRouteMatchesItsGoldenFile() {
		Golden.assertMatches(templates.route(ALICE), "route-42.conf");
	}

	@Test
	void aRouteIsNamedForItsSite() {
		assertThat(RouterTemplates.fileName(42)).isEqualTo("route-42.conf");
	}

	@Test
	void aRouteWithProblemsIsNeverRendered() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> templates.route(new Route(42, List.of("evil.com; }"))))
			.withMessageContaining("not a valid host name");
	}

	@Test
	void aRenderedRouteCanBeReadBack() {
		assertThat(RouterTemplates.parse("route-42.conf", templates.route(ALICE))).contains(ALICE);
	}

	@Test
	void aFileThatIsNotAWellFormedRouteIsNotReadBack() {
		String rendered = templates.route(ALICE);
		assertThat(RouterTemplates.parse("route-x.conf", rendered)).isEmpty();
		assertThat(RouterTemplates.parse("route-0.conf", rendered)).isEmpty();
		assertThat(RouterTemplates.parse("route-99999999999999999999.conf", rendered)).isEmpty();
		assertThat(RouterTemplates.parse("route-42.conf", "server { listen 8000; }")).isEmpty();
		assertThat(RouterTemplates.parse("route-42.conf", "server { server_name Evil_Host; }")).isEmpty();
	}

}
