package edu.tjhsst.director.router.nginx;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.router.AppServer;
import edu.tjhsst.director.router.RouterProperties;
import edu.tjhsst.director.router.tls.CertificateFiles;

import edu.tjhsst.director.common.testing.Golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The router's rendered configs against their golden files, and route files read back. */
class RouterTemplatesTests {

	static final RouterProperties PROPERTIES = new RouterProperties(Path.of("/srv/director/router-nginx"), "0.0.0.0",
			8000, 8443, List.of(new AppServer("10.0.0.5", 8081), new AppServer("app-2.internal", 8081)), "/usr/sbin/nginx",
			"", "/srv/director/secrets/router.key", "", null);

	static final Route ALICE = new Route(42, List.of("alice.sites.localhost", "www.alice.example.org"));

	static final String WWW = "www.alice.example.org";

	static final CertificateFiles WWW_CERTIFICATE = new CertificateFiles(WWW, "0123456789abcdef",
			Path.of("/srv/director/router-nginx/certs/www.alice.example.org/0123456789abcdef.crt"),
			Path.of("/srv/director/router-nginx/certs/www.alice.example.org/0123456789abcdef.key"));

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
	void aRouteOverPlainHttpIsLinesOfTheRoutesMap() {
		assertThat(templates.route(ALICE).name()).isEqualTo("route-42.map");
		Golden.assertMatches(templates.route(ALICE).content(), "route-42.map");
	}

	@Test
	void aRouteWithACertificateMatchesItsGoldenFile() {
		assertThat(templates.route(ALICE, Map.of(WWW, WWW_CERTIFICATE)).name()).isEqualTo("route-42.conf");
		Golden.assertMatches(templates.route(ALICE, Map.of(WWW, WWW_CERTIFICATE)).content(), "route-42-tls.conf");
	}

	@Test
	void aHostWithACertificateIsRedirectedToHttpsButStillAnswersChallenges() {
		String rendered = templates.route(ALICE, Map.of(WWW, WWW_CERTIFICATE)).content();
		assertThat(rendered).contains("return 308 https://$host:8443$request_uri;")
			.contains("listen 0.0.0.0:8443 ssl http2;")
			.contains("ssl_certificate_key /srv/director/router-nginx/certs/www.alice.example.org/0123456789abcdef.key;");
		RouterProperties standardPorts = new RouterProperties(PROPERTIES.nginxDir(), "0.0.0.0", 80, 443,
				PROPERTIES.appservers(), "/usr/sbin/nginx", "", "", "", null);
		assertThat(new RouterTemplates(new NginxTemplates(), standardPorts).route(ALICE, Map.of(WWW, WWW_CERTIFICATE))
			.content()).contains("return 308 https://$host$request_uri;");
	}

	@Test
	void aRouteWithACertificateCanBeReadBack() {
		assertThat(RouterTemplates.parse("route-42.conf",
				templates.route(ALICE, Map.of(WWW, WWW_CERTIFICATE)).content()))
			.contains(ALICE);
	}

	@Test
	void aRouteFileWrittenBeforeHttpsCanStillBeReadBack() {
		String old = "# Route of site 42\nserver {\n\tlisten 0.0.0.0:8000;\n"
				+ "\tserver_name alice.sites.localhost www.alice.example.org;\n}\n";
		assertThat(RouterTemplates.parse("route-42.conf", old)).contains(ALICE);
	}

	@Test
	void thePortalMatchesItsGoldenFilesWithAndWithoutACertificate() {
		RouterTemplates withPortal = new RouterTemplates(new NginxTemplates(), new RouterProperties(
				PROPERTIES.nginxDir(), "0.0.0.0", 8000, 8443, PROPERTIES.appservers(), "/usr/sbin/nginx", "", "",
				"director.example.org", new AppServer("127.0.0.1", 8080)));
		CertificateFiles certificate = new CertificateFiles("director.example.org", "fedcba9876543210",
				Path.of("/srv/director/router-nginx/certs/director.example.org/fedcba9876543210.crt"),
				Path.of("/srv/director/router-nginx/certs/director.example.org/fedcba9876543210.key"));
		Golden.assertMatches(withPortal.portal("director.example.org", Optional.empty()), "portal.conf");
		Golden.assertMatches(withPortal.portal("director.example.org", Optional.of(certificate)), "portal-tls.conf");
	}

	@Test
	void aRouteIsNamedForItsSite() {
		assertThat(RouterTemplates.fileNames(42)).containsExactly("route-42.conf", "route-42.map");
		assertThat(RouterTemplates.siteOfFile("route-42.map")).contains(42L);
		assertThat(RouterTemplates.siteOfFile("route-42.map.test")).isEmpty();
	}

	@Test
	void aRouteWithProblemsIsNeverRendered() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> templates.route(new Route(42, List.of("evil.com; }"))))
			.withMessageContaining("not a valid host name");
	}

	@Test
	void aRenderedRouteCanBeReadBack() {
		assertThat(RouterTemplates.parse("route-42.map", templates.route(ALICE).content())).contains(ALICE);
	}

	@Test
	void aFileThatIsNotAWellFormedRouteIsNotReadBack() {
		String rendered = templates.route(ALICE).content();
		assertThat(RouterTemplates.parse("route-x.conf", rendered)).isEmpty();
		assertThat(RouterTemplates.parse("route-0.conf", rendered)).isEmpty();
		assertThat(RouterTemplates.parse("route-99999999999999999999.conf", rendered)).isEmpty();
		assertThat(RouterTemplates.parse("route-42.conf", "server { listen 8000; }")).isEmpty();
		assertThat(RouterTemplates.parse("route-42.conf", "server { server_name Evil_Host; }")).isEmpty();
	}

}
