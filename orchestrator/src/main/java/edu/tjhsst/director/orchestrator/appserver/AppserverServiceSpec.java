package edu.tjhsst.director.orchestrator.appserver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import edu.tjhsst.director.orchestrator.docker.ContainerDefinition;
import edu.tjhsst.director.orchestrator.docker.ContainerMount;
import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.ServiceDefinition;
import edu.tjhsst.director.orchestrator.docker.ServiceInfo;
import edu.tjhsst.director.orchestrator.docker.ServiceShape;
import edu.tjhsst.director.orchestrator.nginx.AppserverTemplates;

/**
 * What the appserver Nginx service must look like, and whether a running service still does.
 * @param name the service's name
 * @param image the Nginx image
 * @param port the host port published in host mode to the container's port 80
 * @param configDir the configuration directory on the host, mounted read-only
 * @param sitesDir the site directories on the host, mounted read-only
 * @param socketDir this service's own folder on the host, mounted for the Unix socket its Nginx listens on
 * @param networkId the id of the sites' overlay network
 */
record AppserverServiceSpec(String name, String image, int port, Path configDir, Path sitesDir, Path socketDir,
		String networkId) {

	/** The value of {@code director.role} on the appserver service. */
	static final String ROLE = "appserver";

	/** The Swarm service to create or update. */
	ServiceDefinition definition() {
		Map<String, String> labels = DirectorLabels.of(ROLE);
		ContainerDefinition container = ContainerDefinition.of(image, labels, List.of(
				ContainerMount.readOnlyBind(configDir, AppserverTemplates.CONFIG_DIR),
				ContainerMount.readOnlyBind(sitesDir, AppserverTemplates.SITES_DIR),
				ContainerMount.bind(socketDir, AppserverTemplates.SOCKET_DIR)));
		return ServiceDefinition.of(name, labels, 1, container, networkId).publishing(80, port);
	}

	/**
	 * Whether a service differs from this one in anything that matters: image, port, mounts, network. Both shapes are
	 * read the same way from the engine's spec, this one's from the spec it would be made with.
	 */
	boolean differsFrom(ServiceInfo actual) {
		return !ServiceShape.of(definition()).equals(actual.shape());
	}

}
