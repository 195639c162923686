package edu.tjhsst.director.orchestrator.service;

import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.account.SiteAccounts;
import edu.tjhsst.director.orchestrator.network.SiteNetworks;
import edu.tjhsst.director.orchestrator.runtime.Runtime;

/** Site services through docker-java; never touches a service that does not carry Director's label. */
@Component
final class SwarmSiteServices implements SiteServices {

	private static final Logger log = LoggerFactory.getLogger(SwarmSiteServices.class);

	private static final String SERVICE_LABEL = "com.docker.swarm.service.name";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private final DockerClient docker;

	private final OrchestratorProperties properties;

	private final SiteAccounts accounts;

	private final SiteNetworks networks;

	private final ServiceLogs serviceLogs;

	SwarmSiteServices(DockerClient docker, OrchestratorProperties properties, SiteAccounts accounts,
			SiteNetworks networks) {
		this.docker = docker;
		this.properties = properties;
		this.accounts = accounts;
		this.networks = networks;
		this.serviceLogs = new ServiceLogs(docker);
	}

	@Override
	public void apply(SiteSpec spec) {
		if (!spec.type().hasProcess()) {
			remove(spec.id());
			return;
		}
		// The site's own image when the spec names one (a build, or an administrator's runtime), else the standard one.
		String image = spec.image() != null ? spec.image()
				: Runtime.named(spec.runtime()).orElseThrow(() -> new IllegalArgumentException(
						"unknown runtime " + spec.runtime() + "; expected one of " + Runtime.names())).image();
		// The site's own network (see SiteNetworks): a service still on the shared network moves to it, as its
		// fingerprint holds the network's name.
		SiteServiceSpec desired = new SiteServiceSpec(spec, image, properties.siteDir(spec.id()),
				accounts.ensure(spec.id()), networks.ensure(spec.id()), ZoneId.systemDefault().getId());
		Optional<Service> existing = inspect(spec.id());
		if (existing.isEmpty()) {
			log.info("creating service {} from {}", SiteServices.serviceName(spec.id()), image);
			docker.createServiceCmd(desired.toServiceSpec()).exec();
			awaitNginx(desired);
			return;
		}
		Service service = existing.get();
		if (desired.fingerprint().equals(label(service, SiteServiceSpec.FINGERPRINT_LABEL))) {
			return;
		}
		log.info("updating service {} to {}", service.getSpec().getName(), image);
		docker.updateServiceCmd(service.getId(), desired.toServiceSpec())
			.withVersion(service.getVersion().getIndex())
			.exec();
		awaitNginx(desired);
	}

	/** A site that runs is served from its first answer: the Nginx joins its network as its task starts. */
	private void awaitNginx(SiteServiceSpec desired) {
		if (desired.replicas() > 0) {
			networks.awaitNginx(desired.spec().id());
		}
	}

	@Override
	public void remove(long siteId) {
		Optional<Service> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return;
		}
		String name = SiteServices.serviceName(siteId);
		log.info("removing service {}", name);
		try {
			docker.removeServiceCmd(existing.get().getId()).exec();
		}
		catch (NotFoundException ex) {
			return;
		}
		awaitNoContainers(name);
	}

	@Override
	public ProcessStatus status(long siteId) {
		Optional<Service> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return ProcessStatus.none();
		}
		Service service = existing.get();
		Instant changedAt = service.getUpdatedAt() == null ? Instant.EPOCH : service.getUpdatedAt().toInstant();
		ProcessStatus status = TaskHistory.status(changedAt,
				docker.listTasksCmd().withServiceFilter(service.getSpec().getName()).exec());
		// A service scaled to 0 (its site is not enabled) that never ran is not about to start.
		if (status.state() == ProcessState.STARTING && scaledToZero(service)) {
			return new ProcessStatus(ProcessState.STOPPED, changedAt, null, "the site is not enabled");
		}
		return status;
	}

	@Override
	public void restart(long siteId) {
		Service service = inspect(siteId).orElseThrow(() -> new NoSuchProcessException(siteId));
		ServiceSpec spec = SiteServiceSpec.restoreHardening(service.getSpec());
		// A service made before the subvolume guard restarts under it.
		SiteServiceSpec.guard(spec);
		TaskSpec task = spec.getTaskTemplate();
		task.withForceUpdate(Objects.requireNonNullElse(task.getForceUpdate(), 0) + 1);
		log.info("restarting service {}", spec.getName());
		docker.updateServiceCmd(service.getId(), spec).withVersion(service.getVersion().getIndex()).exec();
	}

	@Override
	public boolean guard(long siteId) {
		Optional<Service> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return false;
		}
		Service service = existing.get();
		ServiceSpec spec = SiteServiceSpec.restoreHardening(service.getSpec());
		if (!SiteServiceSpec.guard(spec)) {
			return false;
		}
		log.info("putting service {} under the current subvolume guard", spec.getName());
		docker.updateServiceCmd(service.getId(), spec).withVersion(service.getVersion().getIndex()).exec();
		return true;
	}

	@Override
	public String logs(long siteId, int tail) {
		Optional<Service> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return "";
		}
		return serviceLogs.last(existing.get(), tail);
	}

	@Override
	public Closeable follow(long siteId, int tail, Consumer<String> sink) {
		Optional<Service> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return () -> {
			};
		}
		return serviceLogs.follow(existing.get(), tail, sink);
	}

	/** The site's service if it exists and is Director's. */
	private Optional<Service> inspect(long siteId) {
		String name = SiteServices.serviceName(siteId);
		Service service;
		try {
			service = docker.inspectServiceCmd(name).exec();
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
		if (!"true".equals(label(service, "director.managed"))
				|| !Long.toString(siteId).equals(label(service, "director.site"))) {
			throw new IllegalStateException("service " + name + " exists but was not made by Director for site "
					+ siteId + "; remove it or rename it");
		}
		return Optional.of(service);
	}

	private static boolean scaledToZero(Service service) {
		ServiceModeConfig mode = service.getSpec() == null ? null : service.getSpec().getMode();
		return mode != null && mode.getReplicated() != null && mode.getReplicated().getReplicas() == 0;
	}

	private static String label(Service service, String name) {
		Map<String, String> labels = service.getSpec() == null ? null : service.getSpec().getLabels();
		return labels == null ? null : labels.get(name);
	}

	/** Waits until no container of the removed service is left, so its files may go. */
	private void awaitNoContainers(String service) {
		Instant deadline = Instant.now().plus(STOP_TIMEOUT);
		while (!docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(SERVICE_LABEL, service)).exec()
			.isEmpty()) {
			if (Instant.now().isAfter(deadline)) {
				log.warn("containers of service {} still exist after {} s", service, STOP_TIMEOUT.toSeconds());
				return;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
