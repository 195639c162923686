package edu.tjhsst.director.orchestrator.service;

import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.account.SiteAccounts;
import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerContainers;
import edu.tjhsst.director.orchestrator.docker.DockerServiceLogs;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.orchestrator.docker.ServiceInfo;
import edu.tjhsst.director.orchestrator.network.SiteNetworks;
import edu.tjhsst.director.orchestrator.runtime.Runtime;

/** Site services on Swarm; never touches a service that does not carry Director's labels for its site. */
@Component
final class SwarmSiteServices implements SiteServices {

	private static final Logger log = LoggerFactory.getLogger(SwarmSiteServices.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private final DockerServices docker;

	private final SiteNames names;

	private final DockerServiceLogs serviceLogs;

	private final DockerContainers containers;

	private final OrchestratorProperties properties;

	private final SiteAccounts accounts;

	private final SiteNetworks networks;

	SwarmSiteServices(DockerServices docker, DockerServiceLogs serviceLogs, DockerContainers containers,
			OrchestratorProperties properties, SiteAccounts accounts, SiteNetworks networks, SiteNames names) {
		this.docker = docker;
		this.names = names;
		this.serviceLogs = serviceLogs;
		this.containers = containers;
		this.properties = properties;
		this.accounts = accounts;
		this.networks = networks;
	}

	@Override
	public Change apply(SiteSpec spec) {
		if (!spec.type().hasProcess()) {
			return remove(spec.id()) ? Change.REMOVED : Change.NONE;
		}
		// The site's own image when the spec names one (a build, or an administrator's runtime), else the standard one.
		String image = spec.image() != null ? spec.image()
				: Runtime.named(spec.runtime()).orElseThrow(() -> new IllegalArgumentException(
						"unknown runtime " + spec.runtime() + "; expected one of " + Runtime.names())).image();
		// The site's own network (see SiteNetworks): a service still on the shared network moves to it, as its
		// fingerprint holds the network's name.
		SiteServiceSpec desired = new SiteServiceSpec(spec, image, properties.siteDir(spec.id()),
				accounts.ensure(spec.id()), networks.ensure(spec.id()), ZoneId.systemDefault().getId());
		Optional<ServiceInfo> existing = inspect(spec.id());
		if (existing.isEmpty()) {
			log.info("creating service {} from {}", names.service(spec.id()), image);
			docker.create(desired.definition(names.service(spec.id())));
			awaitNginx(desired);
			return Change.CREATED;
		}
		ServiceInfo service = existing.get();
		if (desired.fingerprint().equals(service.labels().get(SiteServiceSpec.FINGERPRINT_LABEL))) {
			return Change.NONE;
		}
		log.info("updating service {} to {}", service.name(), image);
		docker.update(service, desired.definition(names.service(spec.id())), false);
		awaitNginx(desired);
		return Change.UPDATED;
	}

	/** A site that runs is served from its first answer: the Nginx joins its network as its task starts. */
	private void awaitNginx(SiteServiceSpec desired) {
		if (desired.replicas() > 0) {
			networks.awaitNginx(desired.spec().id());
		}
	}

	@Override
	public boolean remove(long siteId) {
		Optional<ServiceInfo> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return false;
		}
		String name = names.service(siteId);
		log.info("removing service {}", name);
		if (docker.remove(existing.get())) {
			awaitNoContainers(name);
		}
		return true;
	}

	@Override
	public Predicate<Long> listed() {
		Set<String> present = docker.names();
		return siteId -> present.contains(names.service(siteId));
	}

	@Override
	public Set<Long> ids() {
		Set<Long> ids = new TreeSet<>();
		for (ServiceInfo service : docker.labelled(Map.of(DirectorLabels.MANAGED, "true", DirectorLabels.ROLE,
				SiteServiceSpec.ROLE))) {
			// Another platform's sites have services of the same role; only names this platform gives are its own.
			DirectorLabels.site(service.labels()).filter(id -> names.service(id).equals(service.name()))
				.ifPresent(ids::add);
		}
		return ids;
	}

	@Override
	public boolean exists(long siteId) {
		return docker.inspect(names.service(siteId))
			.filter(service -> DirectorLabels.isSite(service.labels(), SiteServiceSpec.ROLE, siteId))
			.isPresent();
	}

	@Override
	public ProcessStatus status(long siteId) {
		Optional<ServiceInfo> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return ProcessStatus.none();
		}
		ServiceInfo service = existing.get();
		Instant changedAt = service.updatedAt() == null ? Instant.EPOCH : service.updatedAt();
		ProcessStatus status = TaskHistory.status(changedAt, docker.tasks(service.name()));
		// A service scaled to 0 (its site is not enabled) that never ran is not about to start.
		if (status.state() == ProcessState.STARTING && service.replicas() != null && service.replicas() == 0) {
			return new ProcessStatus(ProcessState.STOPPED, changedAt, null, "the site is not enabled");
		}
		return status;
	}

	@Override
	public void restart(long siteId) {
		ServiceInfo service = inspect(siteId).orElseThrow(() -> new NoSuchProcessException(siteId));
		log.info("restarting service {}", service.name());
		// A service made before the subvolume guard restarts under it.
		docker.updateProcess(service, SiteServiceSpec::guard, true);
	}

	@Override
	public boolean guard(long siteId) {
		Optional<ServiceInfo> existing = inspect(siteId);
		if (existing.isEmpty() || !docker.updateProcess(existing.get(), SiteServiceSpec::guard, false)) {
			return false;
		}
		log.info("put service {} under the current subvolume guard", existing.get().name());
		return true;
	}

	@Override
	public String logs(long siteId, int tail) {
		Optional<ServiceInfo> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return "";
		}
		return serviceLogs.last(existing.get(), tail);
	}

	@Override
	public Closeable follow(long siteId, int tail, Consumer<String> sink) {
		Optional<ServiceInfo> existing = inspect(siteId);
		if (existing.isEmpty()) {
			return () -> {
			};
		}
		return serviceLogs.follow(existing.get(), tail, sink);
	}

	/** The site's service if it exists and is Director's. */
	private Optional<ServiceInfo> inspect(long siteId) {
		String name = names.service(siteId);
		Optional<ServiceInfo> service = docker.inspect(name);
		if (service.isPresent() && !DirectorLabels.isSite(service.get().labels(), siteId)) {
			throw new IllegalStateException("service " + name + " exists but was not made by Director for site "
					+ siteId + "; remove it or rename it");
		}
		return service;
	}

	/** Waits until no container of the removed service is left, so its files may go. */
	private void awaitNoContainers(String service) {
		Instant deadline = Instant.now().plus(STOP_TIMEOUT);
		while (containers.anyOf(service)) {
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
