package edu.tjhsst.director.orchestrator.terminal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.account.SiteAccount;
import edu.tjhsst.director.orchestrator.account.SiteAccounts;
import edu.tjhsst.director.orchestrator.network.SiteNetworks;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;

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

	private static final long MIB = 1024L * 1024;

	private static final Logger log = LoggerFactory.getLogger(TerminalContainers.class);

	private final DockerClient docker;

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

	TerminalContainers(DockerClient docker, OrchestratorProperties properties, SiteAccounts accounts,
			SiteNetworks networks) {
		this.docker = docker;
		this.properties = properties;
		this.accounts = accounts;
		this.networks = networks;
		this.clock = Clock.systemUTC();
		long every = Math.max(1000, Math.min(30_000, idle().toMillis() / 4));
		reaper.scheduleWithFixedDelay(this::reapSafely, every, every, TimeUnit.MILLISECONDS);
	}

	/** The name of a site's terminal container. */
	public static String containerName(long siteId) {
		return "site_" + siteId + "_terminal";
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

	/** Removes the site's terminal container, ending its sessions; nothing to do if there is none. */
	public void remove(long siteId) {
		synchronized (lock(siteId)) {
			removeContainer(containerName(siteId));
			lastUsed.remove(siteId);
		}
	}

	/** The running container to reuse, or null after removing one that may not be reused. */
	private String running(long siteId, String fingerprint) {
		InspectContainerResponse existing;
		try {
			existing = docker.inspectContainerCmd(containerName(siteId)).exec();
		}
		catch (NotFoundException ex) {
			return null;
		}
		boolean isRunning = Boolean.TRUE.equals(existing.getState().getRunning());
		Map<String, String> labels = existing.getConfig().getLabels();
		boolean same = labels != null && fingerprint.equals(labels.get(FINGERPRINT_LABEL));
		// A container with sessions is kept until they end, even when the site's image or limits have changed.
		if (isRunning && (same || sessions.getOrDefault(siteId, 0) > 0)) {
			return existing.getId();
		}
		log.info("replacing the terminal container of site {} ({})", siteId, isRunning ? "changed" : "stopped");
		removeContainer(existing.getId());
		return null;
	}

	private String create(TerminalGrant grant, Path siteDir, String fingerprint) {
		SiteLimits limits = grant.limits();
		SiteAccount account = accounts.ensure(grant.siteId());
		Map<String, String> labels = new HashMap<>();
		labels.put("director.managed", "true");
		labels.put("director.role", ROLE);
		labels.put("director.site", Long.toString(grant.siteId()));
		labels.put(FINGERPRINT_LABEL, fingerprint);
		labels.put(OWNER_LABEL, properties.data().toString());
		HostConfig host = HostConfig.newHostConfig()
			// The subvolume guard is the container's init, so that no process in it is without its filter.
			.withInit(false)
			.withBinds(new Bind(siteDir.toString(), new Volume(TerminalSession.SITE_DIR), AccessMode.rw),
					new Bind(account.passwd().toString(), new Volume(SiteAccount.PASSWD_TARGET), AccessMode.ro),
					new Bind(account.group().toString(), new Volume(SiteAccount.GROUP_TARGET), AccessMode.ro))
			.withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=64m,mode=1777", "/run", "rw,nosuid,nodev,size=16m,mode=1777"))
			.withReadonlyRootfs(true)
			.withCapDrop(Capability.ALL)
			.withSecurityOpts(List.of("no-new-privileges"))
			.withPrivileged(false)
			.withPidsLimit(limits.pids())
			.withMemory(limits.memoryMiB() * MIB)
			.withMemorySwap(limits.memoryMiB() * MIB)
			.withNanoCPUs(limits.cpuMillis() * 1_000_000L)
			.withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "1m", "max-file", "1")));
		String id;
		try {
			// The site's own network, never the default bridge: there Docker lets containers talk to each other
			// (docker0 to docker0 is accepted), so one student's terminal could reach another's processes. On the
			// site's network it reaches only its own site's process; outbound connections (packages, repositories)
			// leave through docker_gwbridge, where containers may not talk to each other. A static site has no
			// process but gets its network all the same: the one rule for every site, and it is ready should the
			// site become PHP or dynamic. Made before the container, which cannot start without it.
			host.withNetworkMode(networks.ensure(grant.siteId()));
			id = docker.createContainerCmd(grant.image())
				.withName(containerName(grant.siteId()))
				.withHostName(grant.siteName())
				.withLabels(labels)
				.withCmd(SubvolumeGuard.init(List.of("sleep", "infinity")))
				.withUser(account.user())
				.withWorkingDir(TerminalSession.SITE_DIR)
				.withEnv("HOME=" + TerminalSession.HOME)
				.withHostConfig(host)
				.exec()
				.getId();
			docker.startContainerCmd(id).exec();
		}
		catch (RuntimeException ex) {
			log.warn("cannot start the terminal container of site {}: {}", grant.siteId(), ex.getMessage());
			removeContainer(containerName(grant.siteId()));
			throw new TerminalUnavailableException("the site's terminal cannot be started right now");
		}
		log.info("started the terminal container of site {} from {}", grant.siteId(), grant.image());
		return id;
	}

	private void removeContainer(String nameOrId) {
		try {
			docker.removeContainerCmd(nameOrId).withForce(true).exec();
		}
		catch (NotFoundException ex) {
			// Already gone.
		}
	}

	/** Removes this orchestrator's terminal containers that have had no session for the idle time. */
	void reap() {
		List<Container> containers = docker.listContainersCmd().withShowAll(true)
			.withLabelFilter(Map.of("director.managed", "true", "director.role", ROLE, OWNER_LABEL,
					properties.data().toString()))
			.exec();
		Instant now = clock.instant();
		for (Container container : containers) {
			long siteId;
			try {
				siteId = Long.parseLong(container.getLabels().get("director.site"));
			}
			catch (RuntimeException ex) {
				continue;
			}
			synchronized (lock(siteId)) {
				if (sessions.getOrDefault(siteId, 0) > 0) {
					continue;
				}
				// A container this orchestrator has not used (left by an earlier run) starts its idle time now.
				Instant last = lastUsed.computeIfAbsent(siteId, id -> now);
				if (Duration.between(last, now).compareTo(idle()) >= 0) {
					log.info("removing the idle terminal container of site {}", siteId);
					removeContainer(container.getId());
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
