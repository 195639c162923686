package edu.tjhsst.director.orchestrator.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.orchestrator.account.SiteAccount;
import edu.tjhsst.director.orchestrator.disk.SubvolumeGuard;

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

	/** The label holding the fingerprint of the spec a service was made from. */
	static final String FINGERPRINT_LABEL = "director.spec";

	/** The label holding the pids limit, which docker-java drops when it reads a service. */
	static final String PIDS_LABEL = "director.limit.pids";

	private static final ObjectMapper JSON = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	/** Bumped whenever this class changes what it builds, so that existing services are updated. */
	private static final int SHAPE_VERSION = 5;

	private static final long MIB = 1024L * 1024;

	private static final long SECOND_NANOS = 1_000_000_000L;

	/** The Swarm spec to create or update the service with. */
	ServiceSpec toServiceSpec() {
		SiteLimits limits = spec.limits();
		ContainerSpec container = new HardenedContainerSpec()
			.withImage(image)
			.withLabels(labels(false))
			// Under the guard, so that no process of the site can make a subvolume to write past its disk limit; the
			// guard is also the container's init (reaping, passing signals on), in place of Docker's.
			.withCommand(SubvolumeGuard.init(List.of(command())))
			.withUser(account.user())
			.withDir(SITE_DIR)
			.withEnv(SubvolumeGuard.environment(environment()))
			.withReadOnly(true)
			.withInit(false)
			.withStopGracePeriod(10 * SECOND_NANOS)
			.withMounts(List.of(
					new Mount().withType(MountType.BIND).withSource(siteDir.toString()).withTarget(SITE_DIR)
						.withReadOnly(false),
					readOnlyFile(account.passwd(), SiteAccount.PASSWD_TARGET),
					readOnlyFile(account.group(), SiteAccount.GROUP_TARGET),
					tmpfs("/tmp", 64 * MIB), tmpfs("/run", 16 * MIB)));
		return new ServiceSpec()
			.withName(SiteServices.serviceName(spec.id()))
			.withLabels(labels(true))
			.withMode(new ServiceModeConfig()
				.withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas())))
			.withTaskTemplate(new TaskSpec()
				.withContainerSpec(container)
				.withResources(new ResourceRequirements().withLimits(new PidsLimitedResources(limits.pids())
					.withNanoCPUs(limits.cpuMillis() * 1_000_000L)
					.withMemoryBytes(limits.memoryMiB() * MIB)))
				// A process that exits at once is tried a few times with a pause, then left crashed: no storm.
				.withRestartPolicy(new ServiceRestartPolicy()
					.withCondition(ServiceRestartCondition.ON_FAILURE)
					.withDelay(3 * SECOND_NANOS)
					.withMaxAttempts(3L)
					.withWindow(60 * SECOND_NANOS))
				.withLogDriver(new Driver().withName("json-file")
					.withOptions(Map.of("max-size", "1m", "max-file", "3")))
				.withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network))))
			// The new process starts before the old one stops, so a restart or a change never leaves the site
			// without an answer (measured: the new process runs 0.6 s after the update instead of 3.8 s). For a
			// few seconds both run, each within its own limits.
			.withUpdateConfig(new UpdateConfig()
				.withParallelism(1L)
				.withOrder(UpdateOrder.START_FIRST)
				.withMonitor(5 * SECOND_NANOS)
				.withFailureAction(UpdateFailureAction.ROLLBACK))
			.withRollbackConfig(new UpdateConfig()
				.withParallelism(1L)
				.withOrder(UpdateOrder.START_FIRST)
				.withFailureAction(UpdateFailureAction.PAUSE))
			.withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR));
	}

	/**
	 * A spec as docker-java read it from Swarm, with what docker-java drops on reading put back (the dropped
	 * capabilities and the pids limit), so that it may be sent again, as a restart does.
	 */
	static ServiceSpec restoreHardening(ServiceSpec inspected) {
		TaskSpec task = inspected.getTaskTemplate();
		String pids = inspected.getLabels() == null ? null : inspected.getLabels().get(PIDS_LABEL);
		if (task == null || task.getContainerSpec() == null || pids == null) {
			throw new IllegalStateException("service " + inspected.getName() + " was not made by this orchestrator");
		}
		ResourceSpecs limits = task.getResources() == null ? null : task.getResources().getLimits();
		PidsLimitedResources restored = new PidsLimitedResources(Long.parseLong(pids));
		if (limits != null && limits.getNanoCPUs() != null) {
			restored.withNanoCPUs(limits.getNanoCPUs());
		}
		if (limits != null && limits.getMemoryBytes() != null) {
			restored.withMemoryBytes(limits.getMemoryBytes());
		}
		task.withContainerSpec(JSON.convertValue(task.getContainerSpec(), HardenedContainerSpec.class))
			.withResources(new ResourceRequirements().withLimits(restored));
		return inspected;
	}

	/**
	 * A spec as Swarm holds it, run under the current subvolume guard: one made before the guard (or with an older
	 * script) gets it, as its init, with its environment renamed for it; one that has it is left as it is.
	 * @return whether the spec changed
	 */
	static boolean guard(ServiceSpec spec) {
		ContainerSpec container = spec.getTaskTemplate().getContainerSpec();
		List<String> command = container.getCommand();
		if (SubvolumeGuard.isCurrent(command) && Boolean.FALSE.equals(container.getInit())) {
			return false;
		}
		container.withCommand(SubvolumeGuard.init(SubvolumeGuard.unwrap(command)))
			.withInit(false)
			.withEnv(SubvolumeGuard.environment(container.getEnv() == null ? List.of() : container.getEnv()));
		return true;
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

	private Map<String, String> labels(boolean withFingerprint) {
		Map<String, String> labels = new TreeMap<>();
		labels.put("director.managed", "true");
		labels.put("director.role", "site");
		labels.put("director.site", Long.toString(spec.id()));
		labels.put("director.runtime", spec.runtime());
		if (withFingerprint) {
			labels.put(FINGERPRINT_LABEL, fingerprint());
			labels.put(PIDS_LABEL, Long.toString(spec.limits().pids()));
		}
		return labels;
	}

	private static Mount readOnlyFile(Path source, String target) {
		return new Mount().withType(MountType.BIND).withSource(source.toString()).withTarget(target).withReadOnly(true);
	}

	private static Mount tmpfs(String target, long sizeBytes) {
		return new Mount().withType(MountType.TMPFS).withTarget(target)
			.withTmpfsOptions(new TmpfsOptions().withSizeBytes(sizeBytes).withMode(01777));
	}

}
