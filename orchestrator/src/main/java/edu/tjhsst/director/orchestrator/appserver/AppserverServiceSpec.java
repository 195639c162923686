package edu.tjhsst.director.orchestrator.appserver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;

import edu.tjhsst.director.orchestrator.nginx.AppserverTemplates;

/**
 * What the appserver Nginx service must look like, and whether a running service still does.
 * @param name the service's name
 * @param image the Nginx image
 * @param port the host port published in host mode to the container's port 80
 * @param configDir the configuration directory on the host, mounted read-only
 * @param sitesDir the site directories on the host, mounted read-only
 * @param networkId the id of the sites' overlay network
 */
record AppserverServiceSpec(String name, String image, int port, Path configDir, Path sitesDir, String networkId) {

	/** The label every Docker object Director creates carries. */
	static final Map<String, String> MANAGED = Map.of("director.managed", "true");

	/** The labels of the appserver service. */
	static final Map<String, String> LABELS = Map.of("director.managed", "true", "director.role", "appserver");

	/** The Swarm spec to create or update the service with. */
	ServiceSpec toServiceSpec() {
		ContainerSpec container = new ContainerSpec()
			.withImage(image)
			.withLabels(LABELS)
			.withMounts(List.of(readOnlyBind(configDir, AppserverTemplates.CONFIG_DIR),
					readOnlyBind(sitesDir, AppserverTemplates.SITES_DIR)));
		return new ServiceSpec()
			.withName(name)
			.withLabels(LABELS)
			.withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(1)))
			.withTaskTemplate(new TaskSpec()
				.withContainerSpec(container)
				.withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ON_FAILURE))
				.withNetworks(List.of(new NetworkAttachmentConfig().withTarget(networkId))))
			.withEndpointSpec(new EndpointSpec()
				.withMode(EndpointResolutionMode.DNSRR)
				.withPorts(List.of(new PortConfig()
					.withProtocol(PortConfigProtocol.TCP)
					.withTargetPort(80)
					.withPublishedPort(port)
					.withPublishMode(PortConfig.PublishMode.host))));
	}

	/** Whether a service's spec differs from this one in anything that matters: image, port, mounts, network. */
	boolean differsFrom(ServiceSpec actual) {
		return !shape(toServiceSpec()).equals(shape(actual));
	}

	private static Mount readOnlyBind(Path source, String target) {
		return new Mount().withType(MountType.BIND).withSource(source.toString()).withTarget(target).withReadOnly(true);
	}

	private static Shape shape(ServiceSpec spec) {
		TaskSpec task = spec.getTaskTemplate();
		ContainerSpec container = task == null ? null : task.getContainerSpec();
		EndpointSpec endpoint = spec.getEndpointSpec();
		return new Shape(
				container == null ? null : container.getImage(),
				container == null || container.getMounts() == null ? Set.of() : container.getMounts().stream()
					.map(mount -> mount.getType() + " " + mount.getSource() + " " + mount.getTarget() + " "
							+ Boolean.TRUE.equals(mount.getReadOnly()))
					.collect(Collectors.toSet()),
				task == null || task.getNetworks() == null ? Set.of() : task.getNetworks().stream()
					.map(NetworkAttachmentConfig::getTarget)
					.collect(Collectors.toSet()),
				endpoint == null ? null : Objects.requireNonNullElse(endpoint.getMode(), EndpointResolutionMode.VIP),
				endpoint == null || endpoint.getPorts() == null ? Set.of() : endpoint.getPorts().stream()
					.map(port -> port.getPublishMode() + " " + port.getPublishedPort() + " " + port.getTargetPort())
					.collect(Collectors.toSet()));
	}

	/** The parts of a service spec that decide whether it must be updated, comparable with equals. */
	private record Shape(String image, Set<String> mounts, Set<String> networks, EndpointResolutionMode mode,
			Set<String> ports) {
	}

}
