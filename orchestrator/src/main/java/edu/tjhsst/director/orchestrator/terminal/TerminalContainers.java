package edu.tjhsst.director.orchestrator.terminal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.account.SiteAccount;
import edu.tjhsst.director.orchestrator.account.SiteAccounts;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;
import edu.tjhsst.director.orchestrator.docker.ContainerDefinition;
import edu.tjhsst.director.orchestrator.docker.ContainerInfo;
import edu.tjhsst.director.orchestrator.docker.ContainerMount;
import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerContainers;
import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.orchestrator.network.SiteNetworks;

/**
 * One terminal container per site, {@code site_<id>_terminal}: made on demand from a grant's image and limits,
 * hardened like the site's process (the site's own uid and account files, read-only root, no capabilities, no new
 * privileges, limits, the site's directory at {@code /site}, the site's own network), kept while sessions use it and
 * removed after it has been idle. Sessions are exec sessions in it.
 */
@Component
public class TerminalContainers implements DisposableBean {

	static final String ROLE = "terminal";

	/** The label holding the fingerprint of what the container was made from. */
	static final String FINGERPRINT_LABEL = "director.terminal.spec";

	/** The label naming this orchestrator's data root, so that only its own containers are reaped. */
	static final String OWNER_LABEL = "director.terminal.owner";

	/** Bumped whenever what this class creates changes, so that old containers are replaced. */
	private static final int SHAPE_VERSION = 3;

	private static final Logger log = LoggerFactory.getLogger(TerminalContainers.class);

	private final DockerContainers docker;

	private final SiteNames names;

	private final OrchestratorProperties properties;

	private final SiteAccounts accounts;

	private final SiteNetworks networks;

	private final Clock clock;

	private final Map<Long, Object> locks = new ConcurrentHashMap<>();

	/** How many sessions use each site's container; changed under the site's lock. */
	private final Map<Long, Integer> sessions = new ConcurrentHashMap<>();

	/** When each site's container last had a session, or was first seen idle; guarded by the site's lock. */
	private final Map<Long, Instant> lastUsed = new ConcurrentHashMap<>();

	private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "terminal-reaper");
		thread.setDaemon(true);
		return thread;
	});

	TerminalContainers(DockerContainers docker, OrchestratorProperties properties, SiteAccounts accounts,
			SiteNetworks networks, SiteNames names) {
		this.docker = docker;
		this.names = names;
		this.properties = properties;
		this.accounts = accounts;
		this.networks = networks;
		this.clock = Clock.systemUTC();
		long every = Math.max(1000, Math.min(30_000, idle().toMillis() / 4));
		reaper.scheduleWithFixedDelay(this::reapSafely, every, every, TimeUnit.MILLISECONDS);
	}

	/** The name of a site's terminal container. */
	public String containerName(long siteId) {
		return names.terminal(siteId);
	}

	/**
	 * The id of the site's running terminal container for a grant, made or replaced as needed, counted as used by one
	 * more session until {@link #release} is called.
	 * @throws TerminalUnavailableException when the site has no directory here or the container cannot be started
	 */
	String acquire(TerminalGrant grant) {
		long siteId = grant.siteId();
		Path siteDir = properties.siteDir(siteId);
		if (!Files.isDirectory(siteDir)) {
			throw new TerminalUnavailableException("the site's files are not on this server");
		}
		String fingerprint = fingerprint(grant.image(), grant.limits(), siteDir, networks.name(siteId));
		synchronized (lock(siteId)) {
			String id = running(siteId, fingerprint);
			if (id == null) {
				id = create(grant, siteDir, fingerprint);
			}
			sessions.merge(siteId, 1, Integer::sum);
			lastUsed.put(siteId, clock.instant());
			return id;
		}
	}

	/** Counts one session of the site's container as ended. */
	void release(long siteId) {
		synchronized (lock(siteId)) {
			sessions.computeIfPresent(siteId, (id, count) -> count <= 1 ? null : count - 1);
			lastUsed.put(siteId, clock.instant());
		}
	}

	/**
	 * Which sites may have a terminal container, from one listing of every container's name (whoever made it). A
	 * container made after the listing is not seen.
	 */
	public Predicate<Long> listed() {
		Set<String> present = docker.names();
		return siteId -> present.contains(containerName(siteId));
	}

	/** Removes the site's terminal container, ending its sessions; nothing to do if there is none. */
	public void remove(long siteId) {
		synchronized (lock(siteId)) {
			docker.remove(containerName(siteId));
			lastUsed.remove(siteId);
		}
	}

	/** The running container to reuse, or null after removing one that may not be reused. */
	private String running(long siteId, String fingerprint) {
		Optional<ContainerInfo> found = docker.inspect(containerName(siteId));
		if (found.isEmpty()) {
			return null;
		}
		ContainerInfo existing = found.get();
		boolean same = fingerprint.equals(existing.labels().get(FINGERPRINT_LABEL));
		// A container with sessions is kept until they end, even when the site's image or limits have changed.
		if (existing.running() && (same || sessions.getOrDefault(siteId, 0) > 0)) {
			return existing.id();
		}
		log.info("replacing the terminal container of site {} ({})", siteId,
				existing.running() ? "changed" : "stopped");
		docker.remove(existing.id());
		return null;
	}

	private String create(TerminalGrant grant, Path siteDir, String fingerprint) {
		SiteAccount account = accounts.ensure(grant.siteId());
		Map<String, String> labels = DirectorLabels.of(ROLE, grant.siteId());
		labels.put(FINGERPRINT_LABEL, fingerprint);
		labels.put(OWNER_LABEL, properties.data().toString());
		// The subvolume guard is the container's init, so that no process in it is without its filter.
		ContainerDefinition container = ContainerDefinition.of(grant.image(), labels, List.of(
				ContainerMount.bind(siteDir, TerminalSession.SITE_DIR),
				ContainerMount.readOnlyBind(account.passwd(), SiteAccount.PASSWD_TARGET),
				ContainerMount.readOnlyBind(account.group(), SiteAccount.GROUP_TARGET),
				ContainerMount.tmpfs("/tmp", 64), ContainerMount.tmpfs("/run", 16)))
			.running(SubvolumeGuard.init(List.of("sleep", "infinity")), account.user(), TerminalSession.SITE_DIR,
					List.of("HOME=" + TerminalSession.HOME))
			.hardened()
			.limitedTo(grant.limits())
			.logging(Map.of("max-size", "1m", "max-file", "1"));
		String id;
		try {
			// The site's own network, never the default bridge: there Docker lets containers talk to each other
			// (docker0 to docker0 is accepted), so one student's terminal could reach another's processes. On the
			// site's network it reaches only its own site's process; outbound connections (packages, repositories)
			// leave through docker_gwbridge, where containers may not talk to each other. A static site has no
			// process but gets its network all the same: the one rule for every site, and it is ready should the
			// site become PHP or dynamic. Made before the container, which cannot start without it.
			String network = networks.ensure(grant.siteId());
			id = docker.createAndStart(containerName(grant.siteId()), grant.siteName(), container, network);
		}
		catch (RuntimeException ex) {
			log.warn("cannot start the terminal container of site {}: {}", grant.siteId(), ex.getMessage());
			docker.remove(containerName(grant.siteId()));
			throw new TerminalUnavailableException("the site's terminal cannot be started right now");
		}
		log.info("started the terminal container of site {} from {}", grant.siteId(), grant.image());
		return id;
	}

	/** Removes this orchestrator's terminal containers that have had no session for the idle time. */
	void reap() {
		Map<String, String> own = DirectorLabels.of(ROLE);
		own.put(OWNER_LABEL, properties.data().toString());
		Instant now = clock.instant();
		for (ContainerInfo container : docker.labelled(own)) {
			Optional<Long> site = DirectorLabels.site(container.labels());
			if (site.isEmpty()) {
				continue;
			}
			long siteId = site.get();
			synchronized (lock(siteId)) {
				if (sessions.getOrDefault(siteId, 0) > 0) {
					continue;
				}
				// A container this orchestrator has not used (left by an earlier run) starts its idle time now.
				Instant last = lastUsed.computeIfAbsent(siteId, id -> now);
				if (Duration.between(last, now).compareTo(idle()) >= 0) {
					log.info("removing the idle terminal container of site {}", siteId);
					docker.remove(container.id());
					lastUsed.remove(siteId);
				}
			}
		}
	}

	private void reapSafely() {
		try {
			reap();
		}
		catch (RuntimeException ex) {
			log.warn("cannot remove idle terminal containers: {}", ex.getMessage());
		}
	}

	private Duration idle() {
		return properties.terminal().idle();
	}

	private Object lock(long siteId) {
		return locks.computeIfAbsent(siteId, id -> new Object());
	}

	/** A digest of what a terminal container is made from. */
	static String fingerprint(String image, SiteLimits limits, Path siteDir, String network) {
		String text = SHAPE_VERSION + "|" + image + "|" + limits.cpuMillis() + "|" + limits.memoryMiB() + "|"
				+ limits.pids() + "|" + siteDir + "|" + network + "|" + SubvolumeGuard.init(List.of("sleep", "infinity"));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void destroy() {
		reaper.shutdownNow();
	}

}
