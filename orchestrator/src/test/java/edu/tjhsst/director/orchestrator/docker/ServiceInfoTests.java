package edu.tjhsst.director.orchestrator.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.SiteLimits;

/**
 * A service as docker-java reads Swarm's answer, in Director's terms; and its shape, which must be read the same way
 * from a running service and from a definition, so that one made from a definition needs no update for it.
 */
class ServiceInfoTests {

	private static final ObjectMapper JSON = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private static final ServiceDefinition NGINX = ServiceDefinition.of("nginx", DirectorLabels.of("appserver"), 1,
			ContainerDefinition.of("director/nginx:1", DirectorLabels.of("appserver"),
					List.of(ContainerMount.readOnlyBind(Path.of("/data/sites"), "/sites"))),
			"net1").publishing(80, 8081);

	private static final ServiceDefinition SITE = ServiceDefinition.of("site_42", DirectorLabels.of("site", 42), 0,
			ContainerDefinition.of("director/site-42:abc", Map.of(), List.of(ContainerMount.tmpfs("/tmp", 64)))
				.running(List.of("run"), "100042:100042", "/site", List.of("PORT=8080"))
				.hardened()
				.limitedTo(new SiteLimits(250L, 128L, 64L)),
			"net42").updatingStartFirst(Duration.ofSeconds(5));

	@Test
	void aServiceReadFromSwarmKeepsItsIdVersionLabelsImageReplicasRestartsAndTime() throws Exception {
		ServiceInfo info = ServiceInfo.from(running(SITE, "director/site-42:abc@sha256:0123", 3));

		assertThat(info.id()).isEqualTo("s1");
		assertThat(info.name()).isEqualTo("site_42");
		assertThat(info.version()).isEqualTo(7);
		assertThat(info.labels()).containsEntry("director.site", "42").containsEntry("director.limit.pids", "64");
		assertThat(info.image()).isEqualTo("director/site-42:abc@sha256:0123");
		assertThat(info.replicas()).isZero();
		assertThat(info.forcedRestarts()).isEqualTo(3);
		assertThat(info.updatedAt()).isEqualTo(Instant.parse("2026-11-22T04:00:00.250Z"));
	}

	@Test
	void aServiceMadeFromADefinitionHasItsShapeWhenReadBack() throws Exception {
		for (ServiceDefinition definition : List.of(NGINX, SITE)) {
			ServiceInfo running = ServiceInfo.from(running(definition, definition.container().image(), 0));

			assertThat(running.shape()).as(definition.name()).isEqualTo(ServiceShape.of(definition));
		}
	}

	@Test
	void anotherImagePortMountOrNetworkIsAnotherShape() {
		ServiceShape shape = ServiceShape.of(NGINX);

		assertThat(ServiceShape.of(NGINX.publishing(80, 9090))).isNotEqualTo(shape);
		assertThat(ServiceShape.of(ServiceDefinition.of("nginx", NGINX.labels(), 1, NGINX.container(), "net2")
			.publishing(80, 8081))).isNotEqualTo(shape);
		assertThat(ServiceShape.of(ServiceDefinition.of("nginx", NGINX.labels(), 1,
				ContainerDefinition.of("director/nginx:3", NGINX.labels(), NGINX.container().mounts()), "net1")
			.publishing(80, 8081))).isNotEqualTo(shape);
		assertThat(ServiceShape.of(ServiceDefinition.of("nginx", NGINX.labels(), 1,
				ContainerDefinition.of("director/nginx:1", NGINX.labels(), List.of()), "net1")
			.publishing(80, 8081))).isNotEqualTo(shape);
	}

	@Test
	void onlyAServiceMadeWithDirectorsLimitsCanBeRestoredForARestart() {
		ServiceSpec appserver = SpecJson.readBackSpec(NGINX);

		assertThatIllegalStateException().isThrownBy(() -> ServiceSpecs.restoreHardening(appserver))
			.withMessage("service nginx was not made by this orchestrator");
	}

	/** A service made from the definition as docker-java reads Swarm's answer about it. */
	private static Service running(ServiceDefinition definition, String image, int forced) throws Exception {
		ServiceSpec spec = SpecJson.readBackSpec(definition);
		spec.getTaskTemplate().getContainerSpec().withImage(image);
		spec.getTaskTemplate().withForceUpdate(forced);
		return JSON.readValue("{\"ID\":\"s1\",\"Version\":{\"Index\":7},\"UpdatedAt\":\"2026-11-22T04:00:00.250Z\","
				+ "\"Spec\":" + JSON.writeValueAsString(spec) + "}", Service.class);
	}

}
