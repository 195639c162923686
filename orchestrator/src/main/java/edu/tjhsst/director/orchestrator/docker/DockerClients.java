package edu.tjhsst.director.orchestrator.docker;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * Makes the orchestrator's Docker clients, all speaking one API version: the shared one the gateways use, and
 * short-lived ones whose reads wait longer, for a call that stays quiet for minutes (an image build).
 */
@Component
public class DockerClients implements DisposableBean {

	/** The engine on these machines speaks API 1.41 and refuses docker-java's default of 1.44. */
	public static final String API_VERSION = "1.41";

	private final String host;

	private final DockerClient shared;

	DockerClients(OrchestratorProperties properties) {
		this.host = properties.dockerHost();
		this.shared = open(host, 20, Duration.ofSeconds(60));
	}

	/**
	 * A client of its own for a test that inspects the engine, speaking the orchestrator's API version; the caller
	 * closes it.
	 */
	public static DockerClient connect(String host, Duration responseTimeout) {
		return open(host, null, responseTimeout);
	}

	/** The client every gateway shares. */
	DockerClient shared() {
		return shared;
	}

	/** The engine's address, such as {@code unix:///var/run/docker.sock}. */
	String host() {
		return host;
	}

	/** A client of its own, which the caller closes, whose reads wait up to the timeout. */
	DockerClient open(Duration responseTimeout) {
		return open(host, null, responseTimeout);
	}

	private static DockerClient open(String host, Integer maxConnections, Duration responseTimeout) {
		DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(host)
			.withApiVersion(RemoteApiVersion.parseConfig(API_VERSION))
			.build();
		ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
			.dockerHost(URI.create(host))
			.sslConfig(config.getSSLConfig())
			.connectionTimeout(Duration.ofSeconds(5))
			.responseTimeout(responseTimeout);
		if (maxConnections != null) {
			http.maxConnections(maxConnections);
		}
		return DockerClientImpl.getInstance(config, http.build());
	}

	@Override
	public void destroy() throws IOException {
		shared.close();
	}

}
