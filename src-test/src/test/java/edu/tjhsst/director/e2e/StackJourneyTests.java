package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import edu.tjhsst.director.common.testing.Await;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * The platform for production: the four components' images deployed as the Swarm stack {@code docker/stack.yml} by
 * {@code ./director stack up}. Each component runs as a service of its own with no more than it needs; sites made in
 * its portal are served; each component's process killed with -9 is back by itself while no site request fails; and
 * the README's stop command takes the stack down and keeps the data.
 */
@BrowserTest
@TestMethodOrder(OrderAnnotation.class)
class StackJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = Journey.onTheStack();

	private static final List<String> COMPONENTS = List.of("orchestrator", "router", "manager", "shell");

	private static final List<String> SITES = List.of("stacked-one", "stacked-two");

	private static final Duration BACK_WITHIN = Duration.ofSeconds(180);

	@Test
	@Order(1)
	void eachComponentIsASwarmServiceWithAReadOnlyRootOnlyTheKeysItUsesAndNoRootButTheOrchestrator()
			throws Exception {
		Platform platform = JOURNEY.platform();
		String uid = Host.output("id", "-u", "director").strip();
		Map<String, String> keys = Map.of("orchestrator", "orchestrator_key shell_key", "router", "router_key",
				"manager", "manager_key orchestrator_key router_key shell_key", "shell", "shell_key");
		for (String component : COMPONENTS) {
			String service = service(component);
			assertThat(inspect(service, "{{.Spec.TaskTemplate.ContainerSpec.ReadOnly}}")).as(service).isEqualTo("true");
			assertThat(inspect(service, "{{.Spec.TaskTemplate.ContainerSpec.User}}")).as(service + "'s user")
				.isEqualTo(component.equals("orchestrator") ? "0:0" : uid + ":" + Host.output("id", "-g", "director")
					.strip());
			assertThat(inspect(service, "{{json .Spec.TaskTemplate.ContainerSpec.CapabilityAdd}}"))
				.as(service + "'s added capabilities")
				.isEqualTo(component.equals("orchestrator") ? "[\"CAP_SYS_ADMIN\"]" : "null");
			assertThat(inspect(service, "{{json .Spec.TaskTemplate.ContainerSpec.CapabilityDrop}}"))
				.as(service + "'s dropped capabilities")
				.isEqualTo(component.equals("orchestrator") ? "null" : "[\"ALL\"]");
			String secrets = inspect(service, "{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}} {{end}}");
			assertThat(Arrays.stream(secrets.split(" ")).map(name -> name.substring(platform.prefix.length() + 1))
				.sorted().collect(Collectors.joining(" "))).as(service + "'s keys").isEqualTo(keys.get(component));
			// Keys never travel as settings, which Docker shows to whoever may inspect a service.
			String settings = inspect(service, "{{json .Spec.TaskTemplate.ContainerSpec.Env}}");
			for (String key : List.of("orchestrator", "router", "shell", "manager")) {
				assertThat(settings).as(service + "'s settings").doesNotContain(
						Files.readString(platform.data.resolve("secrets/" + key + ".key")).strip());
			}
			assertThat(Host.output("/usr/bin/docker", "service", "ls", "--filter", "name=" + service, "--format",
					"{{.Replicas}}").strip()).as(service).isEqualTo("1/1");
		}
	}

	@Test
	@Order(2)
	void sitesMadeInThePortalAreServedWhileEachComponentsProcessIsKilledAndComesBack() throws Exception {
		Platform platform = JOURNEY.platform();
		JOURNEY.portal().logIn("admin", platform.adminPassword);
		SiteLoad load = SiteLoad.onNewStaticSites(platform, JOURNEY.portal(), SITES);
		try {
			for (String component : COMPONENTS) {
				long pid = javaOf(component);
				Instant killed = Instant.now();
				assertThat(Host.run("kill", "-9", Long.toString(pid))).isZero();
				Await.until("the " + component + " back by itself", BACK_WITHIN, () -> ProcessHandle.of(pid).isEmpty()
						&& javaOfOrZero(component) != 0 && platform.answers(component));
				System.out.printf("stack: the %s's process killed with -9: back by itself in %d ms; site requests so "
						+ "far: %d served, failed %s%n", component, Duration.between(killed, Instant.now()).toMillis(),
						load.served(), load.failures());
			}
		}
		finally {
			load.close();
		}
		load.assertNoneFailed("while components were killed");
		// The manager came back with its state.
		JOURNEY.portal().assertStillListsAfterSigningIn(platform.adminPassword, SITES);
	}

	@Test
	@Order(3)
	void theStopCommandTakesTheStackDownAndKeepsItsData() throws Exception {
		Platform platform = JOURNEY.platform();
		JOURNEY.stop();
		assertThat(Host.output("/usr/bin/docker", "stack", "ls", "--format", "{{.Name}}").lines())
			.doesNotContain(platform.prefix);
		assertThat(Host.output("/usr/bin/docker", "ps", "-q", "--filter",
				"label=com.docker.stack.namespace=" + platform.prefix)).isBlank();
		assertThat(Http.reachable(platform.portalPort)).as("the portal's port").isFalse();
		Path data = platform.data;
		assertThat(data.resolve("postgres/PG_VERSION")).exists();
		assertThat(data.resolve("secrets/manager.key")).exists();
	}

	private static String inspect(String service, String format) throws Exception {
		return Host.output("/usr/bin/docker", "service", "inspect", service, "--format", format).strip();
	}

	private static String service(String component) {
		return JOURNEY.platform().prefix + "_" + component;
	}

	/** The component's Java process, seen from the host: in its service's one running container. */
	private static long javaOf(String component) throws Exception {
		long pid = javaOfOrZero(component);
		assertThat(pid).as("the " + component + "'s Java process").isNotZero();
		return pid;
	}

	private static long javaOfOrZero(String component) throws Exception {
		String containers = Host.output("/usr/bin/docker", "ps", "-q", "--filter",
				"label=com.docker.swarm.service.name=" + service(component));
		for (String container : containers.split("\\s+")) {
			if (container.isBlank()) {
				continue;
			}
			String init = Host.output("/usr/bin/docker", "inspect", "--format", "{{.State.Pid}}", container).strip();
			if (!init.matches("[1-9][0-9]*")) {
				continue;
			}
			return ProcessHandle.of(Long.parseLong(init)).stream()
				.flatMap(ProcessHandle::descendants)
				.filter(process -> process.info().command().orElse("").endsWith("/java"))
				.mapToLong(ProcessHandle::pid)
				.findFirst()
				.orElse(0);
		}
		return 0;
	}

}
