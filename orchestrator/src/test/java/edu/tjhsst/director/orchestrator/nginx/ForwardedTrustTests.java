package edu.tjhsst.director.orchestrator.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.docker.SiteNames;

/**
 * The appserver Nginx believes the client's address and the browser's host, scheme and port (the router's X-Real-IP
 * and X-Forwarded-*) from the router's addresses only: a site's process on its own network, or a machine that reaches
 * the published port, is believed in nothing.
 */
class ForwardedTrustTests {

	private static final Pattern BELIEVED = Pattern.compile("set_real_ip_from ([^;]+);");

	private static final Pattern VIA_ROUTER = Pattern.compile(
			"geo \\$realip_remote_addr \\$director_via_trusted_address \\{\\s*default 0;\\s*((?:[0-9./]+ 1;\\s*)*)}");

	/** The router on this node connects through the socket, which only root and the router's group reach. */
	private static final Pattern UNIX_SOCKET_VIA_ROUTER = Pattern.compile("map \\$realip_remote_addr \\$director_via_router "
			+ "\\{\\s*unix: 1;\\s*default \\$director_via_trusted_address;\\s*}");

	@Test
	void onlyTheRoutersAddressesAreBelievedAndEveryoneElseIsNot() {
		String config = mainConfig(List.of("172.18.0.1", "192.0.2.0/24"));
		assertThat(believed(config)).containsExactly("unix:", "172.18.0.1", "192.0.2.0/24");
		assertThat(viaRouter(config)).containsExactly("172.18.0.1", "192.0.2.0/24");
		assertThat(config).containsPattern(UNIX_SOCKET_VIA_ROUTER);
	}

	@Test
	void withNoRouterAddressOnlyTheUnixSocketIsBelieved() {
		String config = mainConfig(List.of());
		assertThat(believed(config)).containsExactly("unix:");
		assertThat(viaRouter(config)).isEmpty();
		assertThat(config).containsPattern(UNIX_SOCKET_VIA_ROUTER);
	}

	@Test
	void theSettingTakesIpv4AddressesAndBlocksOnly() {
		assertThat(settings(List.of(" 172.18.0.1 ", "10.0.0.0/8", "")).trustedProxies())
			.containsExactly("172.18.0.1", "10.0.0.0/8");
		for (String bad : List.of("0.0.0.0/0; include /etc/shadow", "300.1.1.1", "10.0.0.0/33", "::1", "example.org",
				"10.0.0.1 1; default 1")) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> settings(List.of(bad)))
				.withMessageContaining("DIRECTOR_APPSERVER_TRUSTED_PROXIES");
		}
	}

	private static String mainConfig(List<String> trusted) {
		return new AppserverTemplates(new SiteNames(""), trusted).mainConfig(AppserverTemplates.MainPaths.inContainer());
	}

	private static List<String> believed(String config) {
		List<String> found = new ArrayList<>();
		Matcher matcher = BELIEVED.matcher(config);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static List<String> viaRouter(String config) {
		Matcher matcher = VIA_ROUTER.matcher(config);
		assertThat(matcher.find()).as("the geo block, which must default to 0").isTrue();
		return matcher.group(1).lines().map(String::strip).filter(line -> !line.isEmpty())
			.map(line -> line.substring(0, line.indexOf(' '))).toList();
	}

	private static OrchestratorProperties.Appserver settings(List<String> trusted) {
		return new OrchestratorProperties.Appserver(false, "s", "n", "i", List.of(8081), Duration.ZERO, Duration.ZERO,
				Duration.ZERO, trusted);
	}

}
