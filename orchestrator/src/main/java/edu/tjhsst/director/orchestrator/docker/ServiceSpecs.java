package edu.tjhsst.director.orchestrator.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
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

import edu.tjhsst.director.common.site.SiteLimits;

/**
 * Translates Director's service definitions to docker-java's Swarm specs, and works on specs as docker-java reads
 * them back: what it drops on reading put back, and the process of a spec read or changed.
 */
final class ServiceSpecs {

	/** The label holding the pids limit, which docker-java drops when it reads a service. */
	static final String PIDS_LABEL = "director.limit.pids";

	private static final ObjectMapper JSON = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private static final long MIB = 1024L * 1024;

	private ServiceSpecs() {
	}

	/** The Swarm spec to create or update a service with. */
	static ServiceSpec toDocker(ServiceDefinition service) {
		ContainerDefinition definition = service.container();
		ContainerSpec container = (definition.dropAllCapabilities() ? new HardenedContainerSpec() : new ContainerSpec())
			.withImage(definition.image())
			.withLabels(definition.labels())
			.withCommand(definition.command())
			.withUser(definition.user())
			.withDir(definition.dir())
			.withEnv(definition.env())
			.withReadOnly(definition.readOnlyRoot() ? true : null)
			.withInit(definition.init())
			.withStopGracePeriod(nanos(service.stopGracePeriod()))
			.withMounts(definition.mounts().stream().map(ServiceSpecs::mount).toList());
		Map<String, String> labels = new TreeMap<>(service.labels());
		TaskSpec task = new TaskSpec().withContainerSpec(container);
		if (definition.limits() != null) {
			SiteLimits limits = definition.limits();
			task.withResources(new ResourceRequirements().withLimits(new PidsLimitedResources(limits.pids())
				.withNanoCPUs(limits.cpuMillis() * 1_000_000L)
				.withMemoryBytes(limits.memoryMiB() * MIB)));
			labels.put(PIDS_LABEL, Long.toString(limits.pids()));
		}
		ServiceRestartPolicy restarts = new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ON_FAILURE);
		if (service.restarts() != null) {
			restarts.withDelay(nanos(service.restarts().delay()))
				.withMaxAttempts(service.restarts().maxAttempts())
				.withWindow(nanos(service.restarts().window()));
		}
		task.withRestartPolicy(restarts);
		if (definition.logOptions() != null) {
			task.withLogDriver(new Driver().withName("json-file").withOptions(definition.logOptions()));
		}
		task.withNetworks(List.of(new NetworkAttachmentConfig().withTarget(service.network())));
		ServiceSpec spec = new ServiceSpec()
			.withName(service.name())
			.withLabels(labels)
			.withMode(new ServiceModeConfig()
				.withReplicated(new ServiceReplicatedModeOptions().withReplicas(service.replicas())))
			.withTaskTemplate(task);
		if (service.startFirstMonitor() != null) {
			spec.withUpdateConfig(new UpdateConfig()
				.withParallelism(1L)
				.withOrder(UpdateOrder.START_FIRST)
				.withMonitor(nanos(service.startFirstMonitor()))
				.withFailureAction(UpdateFailureAction.ROLLBACK))
				.withRollbackConfig(new UpdateConfig()
					.withParallelism(1L)
					.withOrder(UpdateOrder.START_FIRST)
					.withFailureAction(UpdateFailureAction.PAUSE));
		}
		EndpointSpec endpoint = new EndpointSpec().withMode(EndpointResolutionMode.DNSRR);
		if (service.port() != null) {
			endpoint.withPorts(List.of(new PortConfig()
				.withProtocol(PortConfigProtocol.TCP)
				.withTargetPort(service.port().target())
				.withPublishedPort(service.port().published())
				.withPublishMode(PortConfig.PublishMode.host)));
		}
		return spec.withEndpointSpec(endpoint);
	}

	/**
	 * A spec as docker-java read it from Swarm, with what docker-java drops on reading put back (the dropped
	 * capabilities and the pids limit), so that it may be sent again, as a restart does.
	 * @throws IllegalStateException when the service was not made with Director's hardening and limits
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

	/** The process a spec's container runs. */
	static ServiceProcess process(ServiceSpec spec) {
		ContainerSpec container = spec.getTaskTemplate().getContainerSpec();
		return new ServiceProcess(container.getCommand(), container.getInit(), container.getEnv());
	}

	/** Makes the spec's container run the process. */
	static void setProcess(ServiceSpec spec, ServiceProcess process) {
		spec.getTaskTemplate().getContainerSpec()
			.withCommand(process.command())
			.withInit(process.init())
			.withEnv(process.env());
	}

	/** Makes Swarm start the spec's task afresh when it is sent, though nothing else in it changed. */
	static void forceRestart(ServiceSpec spec, int forcedBefore) {
		spec.getTaskTemplate().withForceUpdate(forcedBefore + 1);
	}

	/** The number of forced restarts a spec holds. */
	static int forcedRestarts(ServiceSpec spec) {
		TaskSpec task = spec.getTaskTemplate();
		return task == null ? 0 : Objects.requireNonNullElse(task.getForceUpdate(), 0);
	}

	private static Mount mount(ContainerMount mount) {
		return switch (mount.type()) {
			case BIND -> new Mount().withType(MountType.BIND).withSource(mount.source()).withTarget(mount.target())
				.withReadOnly(mount.readOnly());
			case TMPFS -> new Mount().withType(MountType.TMPFS).withTarget(mount.target())
				.withTmpfsOptions(new TmpfsOptions().withSizeBytes(mount.sizeMiB() * MIB).withMode(01777));
		};
	}

	private static Long nanos(Duration duration) {
		return duration == null ? null : duration.toNanos();
	}

}
