package edu.tjhsst.director.router.nginx;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.common.nginx.TimedNginx;
import edu.tjhsst.director.router.RouterProperties;
import edu.tjhsst.director.router.acme.ChallengeFiles;
import edu.tjhsst.director.router.tls.CertificateStore;

/**
 * Wires the router's Nginx: templates, the process, its config directory, the routes on top, and the files it serves
 * as they are: certificates and ACME challenge answers.
 */
@Configuration(proxyBeanMethods = false)
class RouterNginxConfiguration {

	/** The cool-down after a reload: changes within it share the next one; a change while Nginx is idle waits for none. */
	static final Duration RELOAD_DELAY = Duration.ofMillis(200);

	@Bean
	RouterTemplates routerTemplates(RouterProperties properties) {
		return new RouterTemplates(new NginxTemplates(), properties);
	}

	/** Stopped last, after the config directory, when the application shuts down. */
	@Bean(destroyMethod = "close")
	LocalNginx nginx(RouterProperties properties) {
		return new LocalNginx(properties.nginxBinary(), properties.nginxDir());
	}

	@Bean(destroyMethod = "close")
	NginxConfigDirectory nginxConfigDirectory(RouterProperties properties, LocalNginx process,
			RouterTemplates templates, MeterRegistry registry) {
		return new NginxConfigDirectory(properties.nginxDir(), properties.nginxDir().toString(),
				new TimedNginx(process, registry, "router"),
				RELOAD_DELAY);
	}

	@Bean
	CertificateStore certificateStore(RouterProperties properties) {
		return new CertificateStore(properties.nginxDir(), Clock.systemUTC());
	}

	@Bean
	ChallengeFiles challengeFiles(RouterProperties properties) {
		return new ChallengeFiles(properties.nginxDir());
	}

	@Bean
	RouterNginx routerNginx(RouterTemplates templates, NginxConfigDirectory configs, LocalNginx process,
			RouterProperties properties, CertificateStore certificates) {
		return new RouterNginx(templates, configs, process, properties.nginxDir(), certificates);
	}

}
