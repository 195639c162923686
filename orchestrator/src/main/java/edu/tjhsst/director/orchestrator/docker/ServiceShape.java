package edu.tjhsst.director.orchestrator.docker;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;

/**
 * The parts of a service that decide whether it must be updated to match a definition: its image, mounts, networks,
 * endpoint mode and published ports, comparable with equals. Both sides of a comparison are read from docker-java's
 * spec the same way: a running service's as Swarm reports it, a definition's as it would be sent.
 */
public record ServiceShape(String image, Set<String> mounts, Set<String> networks, String endpointMode,
		Set<String> ports) {

	/** The shape a service made from the definition has. */
	public static ServiceShape of(ServiceDefinition definition) {
		return from(ServiceSpecs.toDocker(definition));
	}

	/** The shape of a spec, as sent or as read back (where Swarm fills in the virtual IP mode it defaults to). */
	static ServiceShape from(ServiceSpec spec) {
		TaskSpec task = spec.getTaskTemplate();
		ContainerSpec container = task == null ? null : task.getContainerSpec();
		EndpointSpec endpoint = spec.getEndpointSpec();
		return new ServiceShape(
				container == null ? null : container.getImage(),
				container == null || container.getMounts() == null ? Set.of() : container.getMounts().stream()
					.map(mount -> mount.getType() + " " + mount.getSource() + " " + mount.getTarget() + " "
							+ Boolean.TRUE.equals(mount.getReadOnly()))
					.collect(Collectors.toSet()),
				task == null || task.getNetworks() == null ? Set.of() : task.getNetworks().stream()
					.map(NetworkAttachmentConfig::getTarget)
					.collect(Collectors.toSet()),
				endpoint == null ? null
						: Objects.requireNonNullElse(endpoint.getMode(), EndpointResolutionMode.VIP).toString(),
				endpoint == null || endpoint.getPorts() == null ? Set.of() : endpoint.getPorts().stream()
					.map(port -> port.getPublishMode() + " " + port.getPublishedPort() + " " + port.getTargetPort())
					.collect(Collectors.toSet()));
	}

}
