package edu.tjhsst.director.router.nginx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.router.nginx.RouterTemplates.RouteFile;
import edu.tjhsst.director.router.AppServer;
import edu.tjhsst.director.router.RouterProperties;
import edu.tjhsst.director.router.RouterTestSupport;

import static org.assertj.core.api.Assertions.assertThatCode;

/** Runs the real {@code nginx -t} on everything the router renders. */
class RenderedConfigsNginxTests {

	private Path prefix;

	private RouterTemplates templates;

	private LocalNginx nginx;

	@BeforeEach
	void prepare() throws IOException {
		prefix = RouterTestSupport.newDataDir("nginx-t").resolve("router-nginx");
		Files.createDirectories(prefix.resolve("sites"));
		Files.createDirectories(prefix.resolve("temp"));
		RouterProperties properties = new RouterProperties(prefix, "127.0.0.1", RouterTestSupport.freePort(),
				RouterTestSupport.freePort(), List.of(new AppServer("127.0.0.1", 8081), new AppServer("localhost", 8082),
						AppServer.unixSocket("/srv/director/appserver-sockets/director-nginx/http.sock")),
				"/usr/sbin/nginx", "", "", "director.example.org",
				new AppServer("127.0.0.1", 8080));
		templates = new RouterTemplates(new NginxTemplates(), properties);
		nginx = new LocalNginx(properties.nginxBinary(), prefix);
		Files.writeString(prefix.resolve("nginx.conf"), templates.main());
	}

	@Test
	void nginxAcceptsTheMainConfigWithNoRoutes() {
		assertThatCode(() -> nginx.test(prefix.resolve("nginx.conf").toString())).doesNotThrowAnyException();
	}

	@Test
	void nginxAcceptsTheMainConfigWithManyRoutes() throws IOException {
		for (int id = 1; id <= 20; id++) {
			RouteFile route = templates.route(new Route(id, List.of("site" + id + ".sites.localhost",
					"www.site" + id + ".org")));
			Files.writeString(prefix.resolve("sites").resolve(route.name()), route.content());
		}
		assertThatCode(() -> nginx.test(prefix.resolve("nginx.conf").toString())).doesNotThrowAnyException();
	}

	@Test
	void nginxAcceptsTheLargestRouteTheWhitelistAllows() throws IOException {
		String label = "a".repeat(63);
		List<String> hosts = new ArrayList<>();
		IntStream.range(0, 64).forEach(i -> hosts.add(label + "." + label + "." + label + ".h" + String.format("%059d", i)));
		Route largest = new Route(Long.MAX_VALUE, hosts);
		RouteFile route = templates.route(largest);
		Files.writeString(prefix.resolve("sites").resolve(route.name()), route.content());
		assertThatCode(() -> nginx.test(prefix.resolve("nginx.conf").toString())).doesNotThrowAnyException();
	}

	@Test
	void nginxAcceptsThePortalsFileBesideTheRoutes() throws IOException {
		Files.writeString(prefix.resolve("sites").resolve(RouterTemplates.PORTAL_FILE),
				templates.portal("director.example.org", Optional.empty()));
		RouteFile route = templates.route(RouterTemplatesTests.ALICE);
		Files.writeString(prefix.resolve("sites").resolve(route.name()), route.content());
		assertThatCode(() -> nginx.test(prefix.resolve("nginx.conf").toString())).doesNotThrowAnyException();
	}

}
