package edu.tjhsst.director.orchestrator.appserver;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxControl;
import edu.tjhsst.director.common.nginx.TimedNginx;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.disk.SitesVolume;
import edu.tjhsst.director.orchestrator.docker.DockerContainers;
import edu.tjhsst.director.orchestrator.docker.DockerExecs;
import edu.tjhsst.director.orchestrator.docker.DockerNetworks;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.orchestrator.network.NginxReattacher;
import edu.tjhsst.director.orchestrator.nginx.AppserverTemplates;

/** Wires the appserver Nginx, its configuration directory and its start-up. */
@Configuration(proxyBeanMethods = false)
class AppserverConfiguration {

	/** How long one {@code nginx -t} in the container may take. */
	private static final Duration NGINX_TEST_TIMEOUT = Duration.ofSeconds(30);

	@Bean
	AppserverTemplates appserverTemplates(SiteNames names, OrchestratorProperties properties) {
		return new AppserverTemplates(names, properties.appserver().trustedProxies());
	}

	@Bean
	NginxControl appserverNginx(DockerContainers containers, DockerExecs execs, OrchestratorProperties properties,
			MeterRegistry registry) {
		return new TimedNginx(new ContainerNginx(containers, execs, properties.appserver().services(),
				NGINX_TEST_TIMEOUT), registry, "appserver");
	}

	@Bean
	NginxConfigDirectory appserverConfigs(OrchestratorProperties properties, NginxControl appserverNginx,
			AppserverTemplates templates) {
		return new NginxConfigDirectory(properties.appserverNginxDir(), AppserverTemplates.CONFIG_DIR, appserverNginx,
				properties.appserver().reloadDelay());
	}

	@Bean
	AppserverBootstrap appserverBootstrap(OrchestratorProperties properties, NginxConfigDirectory configs,
			AppserverTemplates templates, DockerServices services, DockerNetworks networks, NginxReattacher reattacher,
			SitesVolume volume) {
		return new AppserverBootstrap(properties, configs, templates, new SwarmAppserver(services, networks),
				reattacher, volume);
	}

}
