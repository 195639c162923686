package edu.tjhsst.director.orchestrator.appserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.disk.SitesVolume;
import edu.tjhsst.director.orchestrator.network.AppserverReadiness;
import edu.tjhsst.director.orchestrator.network.NginxReattacher;
import edu.tjhsst.director.orchestrator.nginx.AppserverTemplates;

/**
 * Brings the appserver up before the API serves requests: data directories, main config, the shared network,
 * the Nginx services one after another, their containers attached to every site's own network (and kept so), and one
 * reload once their Nginx accepts its configuration.
 */
final class AppserverBootstrap implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AppserverBootstrap.class);

	private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

	private static final Set<PosixFilePermission> GROUP_ONLY = PosixFilePermissions.fromString("rwxr-x---");

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);

	private final OrchestratorProperties properties;

	private final NginxConfigDirectory configs;

	private final AppserverTemplates templates;

	private final SwarmAppserver swarm;

	private final NginxReattacher reattacher;

	private final SitesVolume volume;

	private volatile boolean running;

	private final AppserverWatch watch;

	AppserverBootstrap(OrchestratorProperties properties, NginxConfigDirectory configs, AppserverTemplates templates,
			SwarmAppserver swarm, NginxReattacher reattacher, SitesVolume volume) {
		this.properties = properties;
		this.volume = volume;
		this.configs = configs;
		this.templates = templates;
		this.swarm = swarm;
		this.reattacher = reattacher;
		this.watch = new AppserverWatch(swarm, properties.appserver().network(), this::specs);
	}

	@Override
	public void start() {
		writeFiles();
		OrchestratorProperties.Appserver appserver = properties.appserver();
		if (!appserver.bootstrap()) {
			log.info("appserver bootstrap is off: not touching Docker");
			running = true;
			return;
		}
		List<AppserverServiceSpec> specs = specs(swarm.ensureNetwork(appserver.network()));
		List<String> services = appserver.services();
		for (int i = 0; i < services.size(); i++) {
			// A container started before this start mounted the sites' volume sees the empty folder beneath it.
			Optional<Instant> replaced = swarm.ensureService(specs.get(i), volume.mountedNow());
			String container = swarm.awaitRunningContainer(services.get(i), replaced.orElse(null),
					appserver.startTimeout());
			if (i == 0) {
				// Before any Nginx of a new container starts (it waits for the ready file below): a file that would
				// keep it from starting is set aside first, not found once it has failed.
				awaitConfigAccepted(Instant.now().plus(appserver.startTimeout()));
			}
			// A container Swarm started while the orchestrator was down is on the shared network only; once attached
			// to every site's network, it is let serve.
			reattacher.start();
			if (replaced.isPresent()) {
				// One at a time: the others serve while this one is replaced, so the next waits until it serves.
				awaitServing(services.get(i), appserver.port(i), Instant.now().plus(appserver.startTimeout()));
			}
			log.info("appserver Nginx {} is up: container {}, http://127.0.0.1:{}/", services.get(i),
					container.substring(0, Math.min(12, container.length())), appserver.port(i));
		}
		awaitReload();
		watch.start(appserver.watchPeriod());
		running = true;
	}

	/** What each appserver service is, on the sites' shared network of this id. */
	private List<AppserverServiceSpec> specs(String networkId) {
		OrchestratorProperties.Appserver appserver = properties.appserver();
		List<String> services = appserver.services();
		return IntStream.range(0, services.size()).mapToObj(i -> new AppserverServiceSpec(services.get(i),
				appserver.image(), appserver.port(i), properties.appserverNginxDir(), properties.sitesDir(),
				properties.appserverSocketsDir().resolve(services.get(i)), networkId))
			.toList();
	}

	/**
	 * Waits until the service's Nginx answers HTTP on its port of this host: Docker's proxy of a published port
	 * accepts connections before anything listens behind it, so a connection alone proves nothing. On a Swarm of
	 * several nodes it may run on another; past the deadline, start-up goes on.
	 */
	private static void awaitServing(String service, int port, Instant deadline) {
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
				socket.setSoTimeout(2000);
				socket.getOutputStream().write("HEAD / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				byte[] start = socket.getInputStream().readNBytes(5);
				if (new String(start, StandardCharsets.US_ASCII).equals("HTTP/")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not yet.
			}
			SwarmAppserver.pause();
		}
		log.warn("appserver Nginx {} does not accept connections on port {} of this host; going on", service, port);
	}

	/** The data directories, the pages Nginx answers with and the main config; Nginx workers read them as www-data. */
	private void writeFiles() {
		Path nginxDir = properties.appserverNginxDir();
		Path pageDir = nginxDir.resolve(AppserverTemplates.DEFAULT_PAGE_DIR);
		for (Path dir : new Path[] { properties.sitesDir(), nginxDir, nginxDir.resolve("sites"),
				nginxDir.resolve(AppserverReadiness.DIR), pageDir }) {
			directory(dir);
		}
		socketDirectories();
		page(pageDir.resolve(AppserverTemplates.NOT_FOUND_PAGE), templates.notFoundPage());
		page(pageDir.resolve(AppserverTemplates.PROCESS_DOWN_PAGE), templates.processDownPage());
		page(pageDir.resolve(AppserverTemplates.DISABLED_PAGE), templates.disabledPage());
		configs.writeMain(templates.mainConfig(AppserverTemplates.MainPaths.inContainer()));
	}

	/**
	 * The services' socket folders. Whoever reaches a socket is believed as the router is (X-Real-IP), so each folder
	 * is open to root and the data directory's group only (the router's user is in it, sites' processes never are),
	 * from the moment it is made: one open to all even for an instant would let a local user keep a handle on it.
	 */
	private void socketDirectories() {
		Path sockets = properties.appserverSocketsDir();
		privateDirectory(sockets);
		for (String service : properties.appserver().services()) {
			privateDirectory(sockets.resolve(service));
		}
	}

	private void privateDirectory(Path dir) {
		try {
			if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
				Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(GROUP_ONLY));
			}
			Files.setAttribute(dir, "posix:group", Files.getAttribute(properties.data(), "posix:group"),
					LinkOption.NOFOLLOW_LINKS);
			Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
				.setPermissions(GROUP_ONLY);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make " + dir + " open to its group only", ex);
		}
	}

	/** Writes a page aside and renames it into place, so Nginx never serves half of it. */
	private static void page(Path page, String content) {
		try {
			Path temp = Files.createTempFile(page.getParent(), ".page-", ".tmp");
			Files.writeString(temp, content);
			Files.setPosixFilePermissions(temp, FILE);
			Files.move(temp, page, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + page, ex);
		}
	}

	private static void directory(Path dir) {
		try {
			Files.createDirectories(dir);
			Files.setPosixFilePermissions(dir, DIRECTORY);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + dir, ex);
		}
	}

	/**
	 * Tests the whole config in the new container until it answers. Site files Nginx names as the reason it refuses
	 * the config move aside (the site's next converge writes it again, and hears why it is refused); a refusal that
	 * names none ends start-up at once.
	 */
	private void awaitConfigAccepted(Instant deadline) {
		while (true) {
			try {
				configs.setAsideRefused();
				return;
			}
			catch (NginxRejectedException ex) {
				throw new IllegalStateException("the appserver Nginx refuses its configuration: " + ex.getMessage(), ex);
			}
			catch (AppserverUnavailableException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("the appserver Nginx did not answer in time: " + ex.getMessage(), ex);
				}
				SwarmAppserver.pause();
			}
		}
	}

	/** One reload, so a container that was already running picks up the main config just written. */
	private void awaitReload() {
		try {
			NginxReloads.await(configs.reload(), RELOAD_TIMEOUT);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("cannot reload the appserver Nginx: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void stop() {
		// The appserver Nginx keeps serving sites while the orchestrator is down; nothing to stop but the watch, which
		// would make again the services that ./director down removes next.
		watch.close();
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Before the web server starts, so the API never answers while the appserver is not ready. */
	@Override
	public int getPhase() {
		return 0;
	}

}
