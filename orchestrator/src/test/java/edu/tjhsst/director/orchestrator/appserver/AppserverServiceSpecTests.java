package edu.tjhsst.director.orchestrator.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.docker.ServiceInfo;
import edu.tjhsst.director.orchestrator.docker.SpecJson;

/**
 * The appserver service's spec: host-mode port, dnsrr, read-only mounts but for its socket's folder, labels; and when
 * it needs an update.
 */
class AppserverServiceSpecTests {

	private final AppserverServiceSpec spec = new AppserverServiceSpec("director-nginx", "director/nginx:1", 8081,
			Path.of("/data/appserver-nginx"), Path.of("/data/sites"), Path.of("/data/appserver-sockets/director-nginx"),
			"net1");

	@Test
	void theServiceSpecMatchesItsGoldenFile() {
		SpecJson.assertGolden("appserver-service", SpecJson.tree(spec.definition()));
	}

	@Test
	void theServicePublishesInHostModeWithDnsRoundRobin() {
		JsonNode service = SpecJson.tree(spec.definition());

		assertThat(service.at("/EndpointSpec/Mode").asText()).isEqualTo("dnsrr");
		JsonNode port = service.at("/EndpointSpec/Ports/0");
		assertThat(port.get("PublishMode").asText()).isEqualTo("host");
		assertThat(port.get("PublishedPort").asInt()).isEqualTo(8081);
		assertThat(port.get("TargetPort").asInt()).isEqualTo(80);
		assertThat(service.at("/Labels/director.managed").asText()).isEqualTo("true");
		assertThat(service.at("/Labels/director.role").asText()).isEqualTo("appserver");
		assertThat(service.at("/TaskTemplate/ContainerSpec/Mounts"))
			.extracting(mount -> mount.get("Source").asText() + ":" + mount.get("Target").asText() + ":"
					+ (mount.path("ReadOnly").asBoolean() ? "ro" : "rw"))
			.containsExactlyInAnyOrder("/data/appserver-nginx:/etc/director/nginx:ro", "/data/sites:/sites:ro",
					"/data/appserver-sockets/director-nginx:/run/director-appserver:rw");
	}

	@Test
	void anIdenticalServiceNeedsNoUpdate() {
		assertThat(spec.differsFrom(running(spec))).isFalse();
	}

	@Test
	void anotherImagePortMountOrNetworkNeedsAnUpdate() {
		assertThat(spec.differsFrom(running(new AppserverServiceSpec("director-nginx", "director/nginx:3", 8081,
				spec.configDir(), spec.sitesDir(), spec.socketDir(), "net1")))).isTrue();
		assertThat(spec.differsFrom(running(new AppserverServiceSpec("director-nginx", "director/nginx:1", 9090,
				spec.configDir(), spec.sitesDir(), spec.socketDir(), "net1")))).isTrue();
		assertThat(spec.differsFrom(running(new AppserverServiceSpec("director-nginx", "director/nginx:1", 8081,
				Path.of("/elsewhere"), spec.sitesDir(), spec.socketDir(), "net1")))).isTrue();
		assertThat(spec.differsFrom(running(new AppserverServiceSpec("director-nginx", "director/nginx:1", 8081,
				spec.configDir(), spec.sitesDir(), Path.of("/data/appserver-sockets/other"), "net1")))).isTrue();
		assertThat(spec.differsFrom(running(new AppserverServiceSpec("director-nginx", "director/nginx:1", 8081,
				spec.configDir(), spec.sitesDir(), spec.socketDir(), "net2")))).isTrue();
	}

	/** A service made from a spec as the engine reports it (its shape read from the spec as Swarm holds it). */
	private static ServiceInfo running(AppserverServiceSpec made) {
		return new ServiceInfo("id1", made.name(), 7, Map.of(), made.image(), 1L, 0, Instant.EPOCH,
				SpecJson.shapeReadBack(made.definition()));
	}

}
