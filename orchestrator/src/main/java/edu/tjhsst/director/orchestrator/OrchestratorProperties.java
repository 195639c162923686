package edu.tjhsst.director.orchestrator;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The orchestrator's settings ({@code director.*}), each with a default and an environment variable in
 * {@code application.properties}.
 * @param data the data root; holds {@code sites/}, {@code appserver-nginx/} and {@code secrets/}
 * @param key the key the manager signs its requests with, or blank to read {@code keyFile}
 * @param keyFile the file that holds the key when {@code key} is blank
 * @param dockerHost the Docker Engine API address, such as {@code unix:///var/run/docker.sock}
 * @param appserver the appserver Nginx service
 */
@ConfigurationProperties("director")
public record OrchestratorProperties(Path data, String key, String keyFile, String dockerHost, Appserver appserver) {

	public OrchestratorProperties {
		data = data.toAbsolutePath().normalize();
	}

	/** The directory that holds one directory per site, mounted read-only into the appserver Nginx. */
	public Path sitesDir() {
		return data.resolve("sites");
	}

	/** One site's directory. */
	public Path siteDir(long id) {
		if (id <= 0) {
			throw new IllegalArgumentException("a site id is positive");
		}
		return sitesDir().resolve(Long.toString(id));
	}

	/** The appserver Nginx's configuration directory, mounted read-only into its container. */
	public Path appserverNginxDir() {
		return data.resolve("appserver-nginx");
	}

	/**
	 * The appserver Nginx: a one-replica Swarm service on the sites' overlay network, published in host mode.
	 * @param bootstrap whether start-up creates or repairs the network and service (off for tests without Docker)
	 * @param service the Swarm service's name
	 * @param network the attachable overlay network shared with site services
	 * @param image the appserver Nginx image
	 * @param port the host port published in host mode to the container's port 80
	 * @param reloadDelay how long a reload waits for more changes to coalesce with
	 * @param startTimeout how long start-up waits for the service's container to run and accept its config
	 */
	public record Appserver(boolean bootstrap, String service, String network, String image, int port,
			Duration reloadDelay, Duration startTimeout) {
	}

}
