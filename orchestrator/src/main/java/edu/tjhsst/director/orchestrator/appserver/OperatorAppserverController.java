package edu.tjhsst.director.orchestrator.appserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.ServiceInfo;
import edu.tjhsst.director.orchestrator.docker.TaskInfo;
import edu.tjhsst.director.orchestrator.operator.OperatorApi;

/** The app servers' Nginx services as operators see them, and a reload of their configuration on request. */
@RestController
@OperatorApi
@RequestMapping(OperatorApi.PATH + "/appservers")
class OperatorAppserverController {

	private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);

	private final OrchestratorProperties properties;

	private final DockerServices services;

	private final NginxConfigDirectory configs;

	OperatorAppserverController(OrchestratorProperties properties, DockerServices services,
			NginxConfigDirectory configs) {
		this.properties = properties;
		this.services = services;
		this.configs = configs;
	}

	/** Each appserver service: its port, image and running tasks (with their nodes), or that it is missing. */
	@GetMapping
	List<OperatorAppserver> list() {
		List<OperatorAppserver> appservers = new ArrayList<>();
		List<String> names = properties.appserver().services();
		for (int index = 0; index < names.size(); index++) {
			String name = names.get(index);
			ServiceInfo service = services.inspect(name).orElse(null);
			List<String> nodes = service == null ? List.of() : services.tasks(name).stream()
				.filter(task -> task.state() == TaskInfo.State.RUNNING).map(TaskInfo::nodeId).toList();
			appservers.add(new OperatorAppserver(name, properties.appserver().port(index), service != null,
					service == null ? null : service.image(), nodes.size(), nodes));
		}
		return appservers;
	}

	/**
	 * Tests the configuration and reloads every appserver Nginx, answering once they serve with it; a configuration
	 * Nginx refuses is not loaded (and the answer says why).
	 */
	@PostMapping("/reload")
	OperatorReload reload() {
		long before = configs.reloadCount();
		NginxReloads.await(configs.reload(), RELOAD_TIMEOUT);
		return new OperatorReload(properties.appserver().services(), configs.reloadCount() - before);
	}

	/**
	 * One appserver service.
	 * @param service its name
	 * @param port the host port it is published on
	 * @param present whether the service exists
	 * @param image the image it runs, or null when missing
	 * @param running how many of its tasks run
	 * @param nodes the nodes they run on
	 */
	record OperatorAppserver(String service, int port, boolean present, String image, int running,
			List<String> nodes) {
	}

	/**
	 * A reload done.
	 * @param services the services whose Nginx was reloaded
	 * @param reloads how many reloads happened meanwhile (more than 1 when sites' changes came too)
	 */
	record OperatorReload(List<String> services, long reloads) {
	}

}
