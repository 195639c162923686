package edu.tjhsst.director.orchestrator.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.ServiceSpec;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.orchestrator.docker.GoldenJson;

/** The appserver service's spec: host-mode port, dnsrr, read-only mounts, labels; and when it needs an update. */
class AppserverServiceSpecTests {

	private final AppserverServiceSpec spec = new AppserverServiceSpec("director-nginx", "director/nginx:1", 8081,
			Path.of("/data/appserver-nginx"), Path.of("/data/sites"), "net1");

	@Test
	void theServiceSpecMatchesItsGoldenFile() {
		GoldenJson.assertMatches("appserver-service", spec.toServiceSpec());
	}

	@Test
	void theServicePublishesInHostModeWithDnsRoundRobin() {
		ServiceSpec service = spec.toServiceSpec();

		assertThat(service.getEndpointSpec().getMode()).isEqualTo(EndpointResolutionMode.DNSRR);
		PortConfig port = service.getEndpointSpec().getPorts().get(0);
		assertThat(port.getPublishMode()).isEqualTo(PortConfig.PublishMode.host);
		assertThat(port.getPublishedPort()).isEqualTo(8081);
		assertThat(port.getTargetPort()).isEqualTo(80);
		assertThat(service.getLabels()).containsEntry("director.managed", "true").containsEntry("director.role", "appserver");
		assertThat(service.getTaskTemplate().getContainerSpec().getMounts())
			.allSatisfy(mount -> assertThat(mount.getReadOnly()).isTrue())
			.extracting(mount -> mount.getSource() + ":" + mount.getTarget())
			.containsExactlyInAnyOrder("/data/appserver-nginx:/etc/director/nginx", "/data/sites:/sites");
	}

	@Test
	void anIdenticalServiceNeedsNoUpdate() {
		assertThat(spec.differsFrom(spec.toServiceSpec())).isFalse();
	}

	@Test
	void anotherImagePortMountOrNetworkNeedsAnUpdate() {
		assertThat(spec.differsFrom(new AppserverServiceSpec("director-nginx", "director/nginx:2", 8081,
				spec.configDir(), spec.sitesDir(), "net1").toServiceSpec())).isTrue();
		assertThat(spec.differsFrom(new AppserverServiceSpec("director-nginx", "director/nginx:1", 9090,
				spec.configDir(), spec.sitesDir(), "net1").toServiceSpec())).isTrue();
		assertThat(spec.differsFrom(new AppserverServiceSpec("director-nginx", "director/nginx:1", 8081,
				Path.of("/elsewhere"), spec.sitesDir(), "net1").toServiceSpec())).isTrue();
		assertThat(spec.differsFrom(new AppserverServiceSpec("director-nginx", "director/nginx:1", 8081,
				spec.configDir(), spec.sitesDir(), "net2").toServiceSpec())).isTrue();
	}

}
