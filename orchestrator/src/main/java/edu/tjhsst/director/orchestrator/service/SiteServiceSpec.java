package edu.tjhsst.director.orchestrator.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.orchestrator.account.SiteAccount;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;
import edu.tjhsst.director.orchestrator.docker.ContainerDefinition;
import edu.tjhsst.director.orchestrator.docker.ContainerMount;
import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.ServiceDefinition;
import edu.tjhsst.director.orchestrator.docker.ServiceProcess;

/**
 * What a dynamic or PHP site's Swarm service must look like: its image (its own build or its runtime's) running the
 * site's {@code run.sh} (dynamic) or php-fpm (PHP) as the site's own unprivileged user, with the site's directory at
 * {@code /site}, its account files at {@code /etc/passwd} and {@code /etc/group}, a read-only root, no capabilities and
 * limits.
 * @param spec the site's desired state
 * @param image the image its process runs: the spec's own, or its runtime's standard image
 * @param siteDir the site's directory on the host
 * @param account the site's user, which the process runs as
 * @param network the site's own overlay network, which only it and the appserver Nginx join
 * @param timeZone the time zone the process sees unless the site's owner sets {@code TZ}
 */
record SiteServiceSpec(SiteSpec spec, String image, Path siteDir, SiteAccount account, String network,
		String timeZone) {

	/** Where the site's directory is mounted, and the process's working directory before {@code run.sh}. */
	static final String SITE_DIR = "/site";

	/** The port the process must listen on, given to it as {@code PORT}. */
	static final int PORT = 8080;

	/** What a dynamic site's service runs: the launcher of its {@code run.sh}. */
	static final String RUN_COMMAND = "/usr/local/bin/director-run";

	/** What a PHP site's service runs: php-fpm in the foreground on port 9000, from the php runtime image. */
	static final String PHP_FPM_COMMAND = "/usr/local/bin/director-php-fpm";

	/** How many requests a PHP site's php-fpm runs at once. */
	static final String PHP_WORKERS = "DIRECTOR_PHP_WORKERS";

	/** The largest upload and form post php-fpm takes, set on a PHP site's process from its request body limit. */
	static final String PHP_MAX_BODY = "DIRECTOR_PHP_MAX_BODY";

	/** The value of {@code director.role} on a site's service. */
	static final String ROLE = "site";

	/** The label holding the fingerprint of the spec a service was made from. */
	static final String FINGERPRINT_LABEL = "director.spec";

	/** Bumped whenever this class changes what it builds, so that existing services are updated. */
	private static final int SHAPE_VERSION = 5;

	/** The Swarm service to create or update, under this name. */
	ServiceDefinition definition(String name) {
		ContainerDefinition container = ContainerDefinition.of(image, labels(false), List.of(
				ContainerMount.bind(siteDir, SITE_DIR),
				ContainerMount.readOnlyBind(account.passwd(), SiteAccount.PASSWD_TARGET),
				ContainerMount.readOnlyBind(account.group(), SiteAccount.GROUP_TARGET),
				ContainerMount.tmpfs("/tmp", 64), ContainerMount.tmpfs("/run", 16)))
			// Under the guard, so that no process of the site can make a subvolume to write past its disk limit; the
			// guard is also the container's init (reaping, passing signals on), in place of Docker's.
			.running(SubvolumeGuard.init(List.of(command())), account.user(), SITE_DIR,
					SubvolumeGuard.environment(environment()))
			.hardened()
			.limitedTo(spec.limits())
			.logging(Map.of("max-size", "1m", "max-file", "3"));
		return ServiceDefinition.of(name, labels(true), replicas(), container, network)
			.stoppingWithin(Duration.ofSeconds(10))
			// A process that exits at once is tried a few times with a pause, then left crashed: no storm.
			.restarting(new ServiceDefinition.Restarts(Duration.ofSeconds(3), 3, Duration.ofSeconds(60)))
			// The new process starts before the old one stops, so a restart or a change never leaves the site
			// without an answer (measured: the new process runs 0.6 s after the update instead of 3.8 s). For a
			// few seconds both run, each within its own limits.
			.updatingStartFirst(Duration.ofSeconds(5));
	}

	/**
	 * The process of a service as Swarm holds it, run under the current subvolume guard: one made before the guard
	 * (or with an older script) gets it, as its init, with its environment renamed for it.
	 * @return the process to run instead, or empty when it has the guard already
	 */
	static Optional<ServiceProcess> guard(ServiceProcess process) {
		List<String> command = process.command();
		if (SubvolumeGuard.isCurrent(command) && Boolean.FALSE.equals(process.init())) {
			return Optional.empty();
		}
		return Optional.of(new ServiceProcess(SubvolumeGuard.init(SubvolumeGuard.unwrap(command)), false,
				SubvolumeGuard.environment(process.env() == null ? List.of() : process.env())));
	}

	/**
	 * One process while the site is enabled; none otherwise, so a site that is not served stops running while its
	 * service, and with it its logs, stays for when it is enabled again.
	 */
	int replicas() {
		return spec.availability() == SiteAvailability.ENABLED ? 1 : 0;
	}

	/** The program the service runs, by the site's type. */
	String command() {
		return spec.type() == SiteType.PHP ? PHP_FPM_COMMAND : RUN_COMMAND;
	}

	/** The limits the process runs with; its disk limit is its folder's, so a change of it restarts nothing. */
	private String processLimits() {
		SiteLimits limits = spec.limits();
		return limits.cpuMillis() + "," + limits.memoryMiB() + "," + limits.pids() + "," + limits.maxBodyMiB();
	}

	/** The process's environment: the platform's variables, then the owner's. */
	List<String> environment() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("PORT", Integer.toString(PORT));
		env.put("HOST", "0.0.0.0");
		env.put("HOME", SITE_DIR + "/.home");
		env.put("TZ", timeZone);
		env.put("DIRECTOR_SITE_ID", Long.toString(spec.id()));
		env.put("DIRECTOR_SITE_NAME", spec.name());
		if (spec.url() != null) {
			env.put("DIRECTOR_SITE_URL", spec.url());
		}
		env.putAll(spec.env());
		// The platform's database variables come last, so that an owner's own DATABASE_URL gives way to them.
		if (spec.database() != null) {
			env.putAll(spec.database().env());
		}
		if (spec.type() == SiteType.PHP) {
			// director-php-fpm's pool: as many workers as the site chose, and uploads and posts as large as the
			// appserver lets through.
			env.put(PHP_WORKERS, Long.toString(spec.limits().phpWorkers()));
			env.put(PHP_MAX_BODY, spec.limits().maxBodyMiB() + "M");
		}
		List<String> list = new ArrayList<>();
		env.forEach((name, value) -> list.add(name + "=" + value));
		return list;
	}

	/**
	 * A digest of everything the service is built from; a service whose label holds it needs no update.
	 * Secret values only enter it hashed.
	 */
	String fingerprint() {
		String text = SHAPE_VERSION + "|" + image + "|" + SubvolumeGuard.init(List.of(command())) + "|" + siteDir + "|" + account + "|" + network
				+ "|" + processLimits() + "|" + String.join("\u0000", environment())
				// Only a stopped site adds to it, so that enabled sites' services keep the fingerprints they have.
				+ (replicas() == 1 ? "" : "|replicas=" + replicas());
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The labels of the service, with the fingerprint of what it was made from, or of its containers. */
	private Map<String, String> labels(boolean withFingerprint) {
		Map<String, String> labels = DirectorLabels.of(ROLE, spec.id());
		labels.put(DirectorLabels.RUNTIME, spec.runtime());
		if (withFingerprint) {
			labels.put(FINGERPRINT_LABEL, fingerprint());
		}
		return labels;
	}

}
