package edu.tjhsst.director.router.nginx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.router.AppServer;
import edu.tjhsst.director.router.RouterProperties;
import edu.tjhsst.director.router.RouterTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Starts the router's real Nginx on kept state, without Spring. */
class RouterNginxTests {

	private Path prefix;

	private int port;

	private int httpsPort;

	private StartedRouterNginx first;

	private StartedRouterNginx second;

	@BeforeEach
	void prepare() {
		prefix = StartedRouterNginx.newPrefix("router-nginx");
		port = RouterTestSupport.freePort();
		httpsPort = RouterTestSupport.freePort();
	}

	@AfterEach
	void stop() {
		for (StartedRouterNginx running : new StartedRouterNginx[] { first, second }) {
			if (running != null) {
				running.close();
			}
		}
	}

	@Test
	void startingServesTheDefaultPageAndStoppingLeavesNoNginx() {
		first = start(port);
		assertThat(first.routes().serving()).isTrue();
		assertThat(RouterTestSupport.getThroughFrontDoor(port, "nobody.sites.localhost").body())
			.contains("No site at this address");
		ProcessHandle master = master();
		first.close();
		assertThat(master.isAlive()).isFalse();
		assertThat(first.routes().serving()).isFalse();
	}

	@Test
	void keptRoutesAreRenderedAgainForTheCurrentPortAndServersBecomeMapLines() throws IOException {
		// As routes over plain HTTP were written before they were lines of a map, on another port.
		Route alice = new Route(7, List.of("alice.sites.localhost"));
		Files.writeString(prefix.resolve("sites/route-7.conf"), "# host: alice.sites.localhost\nserver {\n\tlisten"
				+ " 127.0.0.1:" + RouterTestSupport.freePort() + ";\n\tserver_name alice.sites.localhost;\n}\n");
		first = start(port);
		assertThat(prefix.resolve("sites/route-7.conf")).doesNotExist();
		assertThat(Files.readString(prefix.resolve("sites/route-7.map")))
			.isEqualTo(templates(port).route(alice).content());
		assertThat(RouterTestSupport.getThroughFrontDoor(port, "alice.sites.localhost").body())
			.doesNotContain("No site at this address");
	}

	@Test
	void keptFilesThatNginxRefusesAreSetAsideAndTheOthersServe() throws IOException {
		Files.writeString(prefix.resolve("sites/route-7.map"), templates(port).route(new Route(7,
				List.of("alice.sites.localhost"))).content());
		Files.writeString(prefix.resolve("sites/custom.conf"), "server { nonsense_directive on; }\n");
		Files.writeString(prefix.resolve("sites/route-8.conf"), "# lost its server block\n");
		first = start(port);
		assertThat(prefix.resolve("sites")).isDirectoryContaining("glob:**/route-7.map")
			.isDirectoryNotContaining("glob:**/custom.conf")
			.isDirectoryNotContaining("glob:**/route-8.conf");
		assertThat(prefix.resolve("rejected/custom.conf")).exists();
		assertThat(prefix.resolve("rejected/route-8.conf")).exists();
		assertThat(first.routes().serving()).isTrue();
	}

	@Test
	void whenTheRoutersOwnConfigIsRefusedNoSiteFileIsSetAside() throws IOException {
		Files.writeString(prefix.resolve("sites/route-7.map"), templates(port).route(new Route(7,
				List.of("alice.sites.localhost"))).content());
		RouterProperties unresolvable = new RouterProperties(prefix, "127.0.0.1", port, httpsPort,
				List.of(new AppServer("appserver.invalid", 8081)), "/usr/sbin/nginx", "", "", "", null);
		assertThatIllegalStateException().isThrownBy(() -> first = StartedRouterNginx.start(unresolvable))
			.withMessageContaining("nginx refuses the router's own config")
			.withMessageContaining("appserver.invalid");
		assertThat(prefix.resolve("sites/route-7.map")).exists();
		assertThat(prefix.resolve("rejected")).doesNotExist();
	}

	@Test
	void repeatingARouteReloadsNothing() throws Exception {
		first = start(port);
		Route alice = new Route(7, List.of("alice.sites.localhost"));
		first.routes().apply(alice).get(30, TimeUnit.SECONDS);
		long reloads = first.configs().reloadCount();
		first.routes().apply(alice).get(30, TimeUnit.SECONDS);
		assertThat(first.configs().reloadCount()).isEqualTo(reloads);
	}

	@Test
	void aReloadCompletesOnlyOnceNewWorkersServe() throws Exception {
		first = start(port);
		List<Long> before = master().children().map(ProcessHandle::pid).toList();
		first.routes().apply(new Route(7, List.of("alice.sites.localhost"))).get(30, TimeUnit.SECONDS);
		assertThat(master().children().map(ProcessHandle::pid).toList()).isNotEmpty()
			.doesNotContainAnyElementsOf(before);
	}

	@Test
	void anNginxLeftBehindByAKilledRunIsAdoptedAndServesOn() {
		first = start(port);
		ProcessHandle leftover = master();
		// A second router on the same directory, as after the first JVM was killed without closing anything: the
		// Nginx that went on serving sites meanwhile is kept, and reloaded with the new run's configuration.
		second = start(port);
		assertThat(leftover.isAlive()).isTrue();
		assertThat(master().pid()).isEqualTo(leftover.pid());
		assertThat(second.routes().serving()).isTrue();
	}

	private ProcessHandle master() {
		try {
			return ProcessHandle.of(Long.parseLong(Files.readString(prefix.resolve("nginx.pid")).strip()))
				.orElseThrow();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private RouterTemplates templates(int httpPort) {
		return new RouterTemplates(new NginxTemplates(), properties(httpPort));
	}

	private RouterProperties properties(int httpPort) {
		return StartedRouterNginx.properties(prefix, httpPort, httpsPort);
	}

	private StartedRouterNginx start(int httpPort) {
		return StartedRouterNginx.start(properties(httpPort));
	}

}
