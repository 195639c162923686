package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** A main config for a test's own Nginx in a temporary folder, on a free port, and sites that answer on it. */
record TestNginxConfig(Path dir, int port) {

	static TestNginxConfig onFreePort(Path dir) {
		try (ServerSocket socket = new ServerSocket(0)) {
			return new TestNginxConfig(dir, socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A main config with one upstream of its own, "shared", a default server that answers 404, the sites, and a map
	 * of host names whose lines are the sites' {@code *.map} files.
	 */
	String main() {
		String temps = "client_body_temp_path %1$s/tmp-body; proxy_temp_path %1$s/tmp-proxy; "
			.formatted(dir) + "fastcgi_temp_path %1$s/tmp-fcgi; uwsgi_temp_path %1$s/tmp-uwsgi; "
				.formatted(dir) + "scgi_temp_path %1$s/tmp-scgi;".formatted(dir);
		return """
				pid %1$s/nginx.pid;
				events {}
				http {
				  access_log off;
				  %2$s
				  upstream shared { server 127.0.0.1:9; }
				  map $host $test_site { default ""; include %1$s/sites/*.map; }
				  server { listen 127.0.0.1:%3$d default_server; return 404; }
				  include %1$s/sites/*.conf;
				}
				""".formatted(dir, temps, port);
	}

	/** A site file whose server answers every request for the host with the body. */
	String site(String host, String body) {
		return "server { listen 127.0.0.1:%d; server_name %s; location / { return 200 '%s'; } }".formatted(port, host,
				body);
	}

}
