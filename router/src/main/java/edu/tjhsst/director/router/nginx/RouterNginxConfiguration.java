package edu.tjhsst.director.router.nginx;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.router.RouterProperties;

/** Wires the router's Nginx: templates, the process, its config directory and the routes on top. */
@Configuration(proxyBeanMethods = false)
class RouterNginxConfiguration {

	/** How long a change waits for others to share its reload. */
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
			RouterTemplates templates) {
		return new NginxConfigDirectory(properties.nginxDir(), properties.nginxDir().toString(), process,
				templates::wrapper, RELOAD_DELAY);
	}

	@Bean
	RouterNginx routerNginx(RouterTemplates templates, NginxConfigDirectory configs, LocalNginx process,
			RouterProperties properties) {
		return new RouterNginx(templates, configs, process, properties.nginxDir());
	}

}
