package edu.tjhsst.director.manager.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.site.SiteSpec;

/** Tells the orchestrator what a site should look like on the app server, and asks after a site's process. */
public class OrchestratorClient {

	private final SignedClient client;

	private final ObjectMapper json;

	OrchestratorClient(SignedClient client, ObjectMapper json) {
		this.client = client;
		this.json = json;
	}

	/** Converges the app server to the spec; safe to repeat. */
	public void apply(SiteSpec spec) {
		client.put("/sites/" + spec.id(), spec);
	}

	/** Removes the site's config, service and files; safe to repeat. */
	public void remove(long siteId) {
		client.delete("/sites/" + siteId);
	}

	/** The runtimes a dynamic site may choose. */
	public List<RuntimeImage> runtimes() {
		return read(client.get("/runtimes"), new TypeReference<>() {
		});
	}

	/** What the site's process is doing. */
	public ProcessStatus process(long siteId) {
		return read(client.get("/sites/" + siteId + "/process"), new TypeReference<>() {
		});
	}

	/** Restarts the site's process. */
	public void restart(long siteId) {
		try (InputStream in = client.exchange("POST", "/sites/" + siteId + "/process/restart", new byte[0], null)
			.body()) {
			in.readAllBytes();
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "lost the connection to the orchestrator: " + ex.getMessage());
		}
	}

	/** The last lines the site's process wrote. */
	public String logs(long siteId, int tail) {
		return client.get("/sites/" + siteId + "/process/logs?tail=" + tail);
	}

	/**
	 * The last lines the site's process wrote, then each new one as it is written, one per line; empty lines are
	 * heartbeats. The stream ends after a while (the orchestrator's limit) and the caller closes it.
	 */
	public InputStream followLogs(long siteId, int tail) {
		return client.exchange("GET", "/sites/" + siteId + "/process/logs?tail=" + tail + "&follow=true", new byte[0],
				null).body();
	}

	private <T> T read(String body, TypeReference<T> type) {
		try {
			return json.readValue(body, type);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
