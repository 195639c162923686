package edu.tjhsst.director.router.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import edu.tjhsst.director.common.nginx.LocalNginx;
import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.nginx.NginxTemplates;
import edu.tjhsst.director.router.AppServer;
import edu.tjhsst.director.router.RouterProperties;
import edu.tjhsst.director.router.RouterTestSupport;
import edu.tjhsst.director.router.tls.CertificateStore;

/**
 * One router Nginx started the way its Spring configuration starts it, and what closes it; for the tests that
 * run the real Nginx without Spring.
 */
record StartedRouterNginx(RouterNginx routes, NginxConfigDirectory configs, LocalNginx process) {

	/** A new, empty Nginx directory with the sites directory a test writes kept routes into before starting. */
	static Path newPrefix(String name) {
		Path prefix = RouterTestSupport.newDataDir(name).resolve("router-nginx");
		try {
			Files.createDirectories(prefix.resolve("sites"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return prefix;
	}

	/**
	 * The router's settings on loopback with its app server on port 9, where nothing answers: these tests look at
	 * what Nginx does itself, so a 502 from upstream still shows that a host is routed.
	 */
	static RouterProperties properties(Path prefix, int httpPort, int httpsPort) {
		return new RouterProperties(prefix, "127.0.0.1", httpPort, httpsPort, List.of(new AppServer("127.0.0.1", 9)),
				"/usr/sbin/nginx", "", "", "", null);
	}

	/** Starts Nginx on what is kept under the properties' directory; a failed start leaves nothing running. */
	static StartedRouterNginx start(RouterProperties properties) {
		Path prefix = properties.nginxDir();
		RouterTemplates templates = new RouterTemplates(new NginxTemplates(), properties);
		LocalNginx process = new LocalNginx(properties.nginxBinary(), prefix);
		NginxConfigDirectory configs = new NginxConfigDirectory(prefix, prefix.toString(), process,
				RouterNginxConfiguration.RELOAD_DELAY);
		RouterNginx routes = new RouterNginx(templates, configs, process, prefix,
				new CertificateStore(prefix, Clock.systemUTC()));
		StartedRouterNginx started = new StartedRouterNginx(routes, configs, process);
		try {
			routes.afterPropertiesSet();
		}
		catch (RuntimeException ex) {
			started.close();
			throw ex;
		}
		return started;
	}

	/** Stops the pending reloads before Nginx itself, so that none is sent to a stopped Nginx. */
	void close() {
		configs.close();
		process.close();
	}

}
