package edu.tjhsst.director.orchestrator.docker;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceSpec;

/**
 * A Swarm service as the engine reports it, in Director's terms.
 * @param id its id
 * @param name its name
 * @param version the version an update of it must name
 * @param labels its labels, empty when it has none
 * @param image the image its tasks run, which Swarm may have pinned to a digest ({@code tag@sha256:...})
 * @param replicas how many tasks it runs, or null when it is not replicated
 * @param forcedRestarts how often it was made to start its task afresh
 * @param updatedAt when its spec last changed (a restart included), or null when unknown
 * @param shape what decides whether it must be updated to match a definition
 */
public record ServiceInfo(String id, String name, long version, Map<String, String> labels, String image,
		Long replicas, int forcedRestarts, Instant updatedAt, ServiceShape shape) {

	static ServiceInfo from(Service service) {
		ServiceSpec spec = Objects.requireNonNullElseGet(service.getSpec(), ServiceSpec::new);
		ServiceModeConfig mode = spec.getMode();
		ServiceShape shape = ServiceShape.from(spec);
		return new ServiceInfo(service.getId(), spec.getName(), service.getVersion().getIndex(),
				spec.getLabels() == null ? Map.of() : Map.copyOf(spec.getLabels()), shape.image(),
				mode == null || mode.getReplicated() == null ? null : mode.getReplicated().getReplicas(),
				ServiceSpecs.forcedRestarts(spec),
				service.getUpdatedAt() == null ? null : service.getUpdatedAt().toInstant(), shape);
	}

}
