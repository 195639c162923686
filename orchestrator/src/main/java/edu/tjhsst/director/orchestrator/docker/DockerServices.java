package edu.tjhsst.director.orchestrator.docker;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.docker.DockerAudit.Change;

/** Swarm services: reading them and their tasks, and making, changing and removing them from Director's definitions. */
@Component
public class DockerServices {

	/** Swarm's refusal of an update that names a version the service has moved past. */
	private static final String OUT_OF_SEQUENCE = "update out of sequence";

	private static final int SEND_ATTEMPTS = 3;

	private final DockerClient docker;

	private final DockerAudit audit;

	DockerServices(DockerClients clients, DockerAudit audit) {
		this.docker = clients.shared();
		this.audit = audit;
	}

	/** The service of that name or id, if there is one. */
	public Optional<ServiceInfo> inspect(String name) {
		try {
			return Optional.of(ServiceInfo.from(docker.inspectServiceCmd(name).exec()));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The services that carry all of these labels. */
	public List<ServiceInfo> labelled(Map<String, String> labels) {
		return docker.listServicesCmd().withLabelFilter(labels).exec().stream().map(ServiceInfo::from).toList();
	}

	/** The names of every service on the engine, from one listing. */
	public Set<String> names() {
		return docker.listServicesCmd().exec().stream()
			.map(service -> service.getSpec() == null ? null : service.getSpec().getName()).filter(Objects::nonNull)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** The service's tasks, current and past, as Swarm still lists them. */
	public List<TaskInfo> tasks(String service) {
		return docker.listTasksCmd().withServiceFilter(service).exec().stream().map(TaskInfo::from).toList();
	}

	public void create(ServiceDefinition definition) {
		ServiceSpec spec = ServiceSpecs.toDocker(definition);
		audit.run(Change.CREATE, "service", definition.name(), definition.container().image(),
				() -> docker.createServiceCmd(spec).exec());
	}

	/**
	 * Replaces the service's spec with the definition's.
	 * @param restart whether its task starts afresh even when nothing changed
	 */
	public void update(ServiceInfo existing, ServiceDefinition definition, boolean restart) {
		send(existing, definition.container().image() + (restart ? ", restart" : ""), existing.version(), null,
				current -> {
					ServiceSpec spec = ServiceSpecs.toDocker(definition);
					if (restart) {
						ServiceSpecs.forceRestart(spec, current == null ? existing.forcedRestarts()
								: ServiceSpecs.forcedRestarts(current.getSpec()));
					}
					return Optional.of(spec);
				});
	}

	/**
	 * Sends the service's spec as Swarm holds it back to Swarm, with its hardening and limits put back (see
	 * {@link ServiceSpecs#restoreHardening}), its process as {@code change} makes it (empty: as it is) and, when
	 * {@code restart}, its task started afresh. Nothing is sent when neither changes anything.
	 * @return whether the service was updated
	 * @throws IllegalStateException when the service was not made with Director's hardening and limits
	 */
	public boolean updateProcess(ServiceInfo existing, Function<ServiceProcess, Optional<ServiceProcess>> change,
			boolean restart) {
		Service read = read(existing);
		return send(existing, restart ? "process, restart" : "process", read.getVersion().getIndex(), read, current -> {
			ServiceSpec spec = ServiceSpecs.restoreHardening(current.getSpec());
			Optional<ServiceProcess> changed = change.apply(ServiceSpecs.process(spec));
			if (changed.isEmpty() && !restart) {
				return Optional.empty();
			}
			changed.ifPresent(process -> ServiceSpecs.setProcess(spec, process));
			if (restart) {
				ServiceSpecs.forceRestart(spec, ServiceSpecs.forcedRestarts(spec));
			}
			return Optional.of(spec);
		});
	}

	/**
	 * Removes the service; its tasks stop after.
	 * @return false when it was gone already
	 */
	public boolean remove(ServiceInfo service) {
		try {
			audit.run(Change.REMOVE, "service", service.name(), null,
					() -> docker.removeServiceCmd(service.id()).exec());
			return true;
		}
		catch (DockerNotFoundException ex) {
			return false;
		}
	}

	/**
	 * Sends the spec {@code make} makes of the service as read, as an update of the version read. Swarm moves a
	 * service's version by itself too (when a rollout ends it records the update's status) and then refuses an update
	 * of the version read before as "update out of sequence": the service is read again and the spec made again from
	 * it (so that nothing written meanwhile is put back), a few times.
	 * @param read the service as read, or null for a spec made from the definition alone
	 * @param make the spec to send for the service as read (null before any read), or empty for none
	 * @return whether an update was sent
	 */
	private boolean send(ServiceInfo existing, String detail, long version, Service read,
			Function<Service, Optional<ServiceSpec>> make) {
		Service current = read;
		long sending = version;
		for (int attempt = 1;; attempt++) {
			Optional<ServiceSpec> spec = make.apply(current);
			if (spec.isEmpty()) {
				return false;
			}
			long named = sending;
			try {
				audit.run(Change.UPDATE, "service", existing.name(), detail,
						() -> docker.updateServiceCmd(existing.id(), spec.get()).withVersion(named).exec());
				return true;
			}
			catch (DockerRefusedException ex) {
				if (attempt >= SEND_ATTEMPTS || !String.valueOf(ex.getMessage()).contains(OUT_OF_SEQUENCE)) {
					throw ex;
				}
				current = read(existing);
				sending = current.getVersion().getIndex();
			}
		}
	}

	private Service read(ServiceInfo existing) {
		return DockerRefusedException.translating(() -> docker.inspectServiceCmd(existing.id()).exec());
	}

}
