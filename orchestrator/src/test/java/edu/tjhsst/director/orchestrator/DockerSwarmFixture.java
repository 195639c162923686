package edu.tjhsst.director.orchestrator;

import static edu.tjhsst.director.orchestrator.DockerCommands.DOCKER;
import static edu.tjhsst.director.orchestrator.DockerCommands.docker;
import static edu.tjhsst.director.orchestrator.DockerCommands.readTree;
import static edu.tjhsst.director.orchestrator.DockerCommands.requireImages;
import static edu.tjhsst.director.orchestrator.DockerCommands.run;
import static edu.tjhsst.director.orchestrator.DockerCommands.temporaryDirectory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PruneType;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.testing.Await;

/**
 * One Docker test class's own objects on the shared engine (a unique run prefix naming its appserver service and
 * network, a free host port, a temporary data root, a range of ten site ids) and the waits its tests use for what the
 * engine and the orchestrator show (pages, logs, process states); registered as an extension, it checks the runtime
 * images first and removes its objects last. What the tests run on the host is {@link DockerCommands}.
 */
final class DockerSwarmFixture implements BeforeAllCallback, AfterAllCallback {

	/**
	 * How long the engine and the orchestrator may take to show a change (a task started or gone, a page served, a
	 * process's state or log): what the tests wait for with {@link Await}.
	 */
	static final Duration SETTLE = Duration.ofSeconds(30);

	private final String service;

	private final String network;

	private final int appserverPort;

	/** How many appserver services this run's orchestrator makes: one, unless a class tests several. */
	private final int appservers;

	private final Path data;

	private final long baseId;

	private final int sites;

	private final String[] images;

	/** The prefix of this run's sites' names ({@code director.platform}); empty for none. */
	private String platform = "";

	/** The size of the sites' volume this run's orchestrator makes, or null for a plain sites/ folder. */
	private String sitesVolume;

	/** A run that makes no sites' services: names starting with {@code prefix} and a random part. */
	DockerSwarmFixture(String prefix, String dataPrefix) {
		this(prefix, dataPrefix, 1, 0, 0);
	}

	/**
	 * A run whose sites take ten ids from a random place in {@code [idsFrom, idsFrom + 900_000)}: site ids name
	 * services and images on the engine, shared by every run, so each test class picks from a range no one else uses.
	 */
	DockerSwarmFixture(String prefix, String dataPrefix, long idsFrom, String... images) {
		this(prefix, dataPrefix, 1, idsFrom + ThreadLocalRandom.current().nextLong(90_000) * 10, 10, images);
	}

	/** As above, with {@code appservers} appserver services on consecutive ports from {@link #appserverPort()}. */
	DockerSwarmFixture(String prefix, String dataPrefix, int appservers, long idsFrom, String... images) {
		this(prefix, dataPrefix, appservers, idsFrom + ThreadLocalRandom.current().nextLong(90_000) * 10, 10, images);
	}

	private DockerSwarmFixture(String prefix, String dataPrefix, int appservers, long baseId, int sites,
			String... images) {
		String run = prefix + UUID.randomUUID().toString().substring(0, 8);
		this.service = run + "-nginx";
		this.network = run + "-sites";
		this.appservers = appservers;
		this.appserverPort = TestHttp.freePorts(appservers);
		this.data = temporaryDirectory(dataPrefix);
		this.baseId = baseId;
		this.sites = sites;
		this.images = images;
	}

	/**
	 * This run's orchestrator puts its sites' files on a sites' volume of this size (such as {@code 512MB}), as a
	 * platform does; it is unmounted at the end.
	 */
	DockerSwarmFixture withSitesVolume(String size) {
		this.sitesVolume = size;
		return this;
	}

	/** This run's orchestrator names its sites' objects with this prefix, as a second platform on the engine does. */
	DockerSwarmFixture withPlatform(String prefix) {
		this.platform = prefix;
		return this;
	}

	/** The name of one of this run's sites' services. */
	String siteService(long id) {
		return (platform.isEmpty() ? "" : platform + "_") + "site_" + id;
	}

	/** The first of this run's ten site ids. */
	long baseId() {
		return baseId;
	}

	Path data() {
		return data;
	}

	int appserverPort() {
		return appserverPort;
	}

	String service() {
		return service;
	}

	String network() {
		return network;
	}

	/** The orchestrator's settings for this run: its data root, key, and its own appserver service, network and port. */
	void register(DynamicPropertyRegistry registry) {
		registry.add("director.data", data::toString);
		registry.add("director.key", () -> TestHttp.KEY);
		registry.add("director.appserver.service", () -> service);
		registry.add("director.platform", () -> platform);
		registry.add("director.appserver.network", () -> network);
		registry.add("director.appserver.ports", () -> IntStream.range(0, appservers)
			.mapToObj(n -> Integer.toString(appserverPort + n)).collect(Collectors.joining(",")));
		if (sitesVolume != null) {
			registry.add("director.sites-volume.size", () -> sitesVolume);
		}
		// Off unless a class turns it on (after this): a test replacing an appserver by hand expects no other hand.
		registry.add("director.appserver.watch-period", () -> "0s");
	}

	/** The runtime images come from {@code docker/build-images.sh}, which reuses those that exist. */
	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		requireImages(images);
	}

	/**
	 * Removes this run's sites' services, the appserver service, the sites' own networks and the appserver's network
	 * (waiting while the services' containers stop), then the sites' own images and the data root.
	 */
	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		// The class's orchestrator stops first (its context stays cached until the JVM ends): running, it would make
		// again what is removed here.
		if (AnnotatedElementUtils.hasAnnotation(context.getRequiredTestClass(), SpringBootTest.class)) {
			((ConfigurableApplicationContext) SpringExtension.getApplicationContext(context)).stop();
		}
		try (DockerClient docker = docker()) {
			for (long id = baseId; id < baseId + sites; id++) {
				remove(docker, siteService(id));
			}
			remove(docker, service);
			for (int n = 2; n <= appservers; n++) {
				remove(docker, service + "-" + n);
			}
			removeNetworks(docker, network);
		}
		finally {
			try {
				removeSiteImages(baseId, sites);
			}
			finally {
				if (sitesVolume != null) {
					// Lazily: a container of another class's run may still hold it; the kernel lets go after it.
					run("umount", "-l", data.resolve("sites").toString());
				}
				FileSystemUtils.deleteRecursively(data);
			}
		}
	}

	/**
	 * Removes the sites' own networks named after a sites network, then that network, waiting while the containers
	 * on them stop.
	 */
	static void removeNetworks(DockerClient docker, String network) {
		String label = "director.sites-network=" + network;
		for (Network site : docker.listNetworksCmd().withFilter("label", List.of("director.role=site-network", label))
			.exec()) {
			removeNetwork(docker, site.getId());
			// What the engine may keep of a removed network the Nginx was on (see SiteNetworkRemover).
			try {
				run(DOCKER, "network", "disconnect", "-f", site.getId(), site.getName() + "-endpoint");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		docker.pruneCmd(PruneType.NETWORKS).withLabelFilter(label).exec();
		removeNetwork(docker, network);
	}

	/** Removes a network, which stays in use while the containers on it stop (the engine's refusal is "not yet"). */
	private static void removeNetwork(DockerClient docker, String network) {
		Await.until("the network " + network + " to be removed once no container uses it", SETTLE, () -> {
			try {
				docker.removeNetworkCmd(network).exec();
			}
			catch (NotFoundException ex) {
				// never made, or already removed
			}
			catch (RuntimeException ex) {
				if (ex.getMessage() == null || !ex.getMessage().contains("not found")) {
					throw ex;
				}
				// Swarm has removed it; the engine still lists it for a moment.
			}
			return true;
		});
	}

	/** The page this run's appserver gives for a host once it matches, within {@link #SETTLE}. */
	TestHttp.Response awaitPage(String host, Predicate<TestHttp.Response> expected) {
		return Await.value("the appserver's page for " + host, SETTLE, () -> TestHttp.getWithHost(appserverPort, host),
				expected);
	}

	/** The page this run's appserver gives for a host and path once it matches, within {@link #SETTLE}. */
	TestHttp.Response awaitPage(String host, String path, Predicate<TestHttp.Response> expected) {
		return Await.value("the appserver's page for " + host + path, SETTLE,
				() -> TestHttp.getWithHost(appserverPort, host, path), expected);
	}

	/** A site's log, as the orchestrator gives its last {@code tail} lines, once it shows a marker. */
	static String awaitLog(TestHttp http, long site, int tail, String marker) {
		return Await.value("\"" + marker + "\" in site " + site + "'s log", SETTLE,
				() -> http.signed("GET", "/sites/" + site + "/process/logs?tail=" + tail, "").body(),
				logs -> logs.contains(marker));
	}

	/** A site's process status, as the orchestrator reports it, once it matches. */
	static JsonNode awaitProcess(TestHttp http, long site, String what, Predicate<JsonNode> expected) {
		return Await.value("site " + site + " " + what, SETTLE,
				() -> readTree(http.signed("GET", "/sites/" + site + "/process", "").body()), expected);
	}

	/** Removes every tag of the sites' own images {@code director/site-<id>} for ids in the range. */
	private static void removeSiteImages(long baseId, int sites) throws Exception {
		for (long id = baseId; id < baseId + sites; id++) {
			for (String tag : run(DOCKER, "images", "--format", "{{.Repository}}:{{.Tag}}", "director/site-" + id)
				.output().split("\n")) {
				if (tag.startsWith("director/site-" + id + ":")) {
					run(DOCKER, "image", "rm", tag);
				}
			}
		}
	}

	static void remove(DockerClient docker, String service) {
		try {
			docker.removeServiceCmd(service).exec();
		}
		catch (NotFoundException ex) {
			// never created, or already removed
		}
	}

}
