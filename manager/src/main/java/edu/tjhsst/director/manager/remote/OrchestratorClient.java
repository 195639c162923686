package edu.tjhsst.director.manager.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.tjhsst.director.common.health.ComponentHealth;
import edu.tjhsst.director.common.image.ImageRecipe;
import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.signing.SignedClient;
import edu.tjhsst.director.common.site.Convergence;
import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.DiskUsage;
import edu.tjhsst.director.common.site.SiteIds;
import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.common.site.SiteSpec;

/**
 * Tells the orchestrator what a site should look like on the app server, and asks after a site's process and disk
 * use.
 */
public class OrchestratorClient {

	private final SignedClient client;

	private final SignedClient builds;

	private final SignedClient reads;

	private final ObjectMapper json;

	/**
	 * @param client for changes
	 * @param builds for image builds, with a timeout longer than a build may run
	 * @param reads for what a page shows while it renders, with a short timeout so that a slow orchestrator
	 *        slows no page down for long
	 */
	OrchestratorClient(SignedClient client, SignedClient builds, SignedClient reads, ObjectMapper json) {
		this.client = client;
		this.builds = builds;
		this.reads = reads;
		this.json = json;
	}

	/**
	 * Converges the app server to the spec; safe to repeat.
	 * @return what the app server had to change, each as a sentence
	 */
	public List<String> apply(SiteSpec spec) {
		return read(client.put("/sites/" + spec.id(), spec), new TypeReference<Convergence>() {
		}).changes();
	}

	/**
	 * Converges the app server to many specs at once (at most {@link SiteOutcome#MOST_PER_BATCH}), which share its
	 * test and reload; safe to repeat.
	 * @return each site's outcome, in the order of the specs
	 */
	public List<SiteOutcome> applyAll(List<SiteSpec> specs) {
		List<SiteOutcome> outcomes = read(client.put("/sites", specs), new TypeReference<List<SiteOutcome>>() {
		});
		return SiteOutcome.oneEach(specs.stream().map(SiteSpec::id).toList(), outcomes);
	}

	/** The sites the app server serves something of (a web server file, a service). */
	public List<Long> siteIds() {
		return read(client.get("/sites"), new TypeReference<SiteIds>() {
		}).ids();
	}

	/**
	 * Stops serving a site the manager no longer has, keeping its files; safe to repeat.
	 * @return what the app server removed, each as a sentence
	 */
	public List<String> retire(long siteId) {
		return read(client.delete("/sites/" + siteId + "/serving"), new TypeReference<Convergence>() {
		}).changes();
	}

	/** Removes the site's config, service and files; safe to repeat. */
	public void remove(long siteId) {
		client.delete("/sites/" + siteId);
	}

	/** When the app server's process started, from its health check. */
	public Instant started() {
		return read(reads.get("/health"), new TypeReference<ComponentHealth>() {
		}).started();
	}

	/** The orchestrator's metrics in Prometheus's text format, as it counts them. */
	public String metrics() {
		return reads.get("/metrics");
	}

	/** The runtime images on the app server that administrators may offer. */
	public List<RuntimeImage> images() {
		return read(reads.get("/images"), new TypeReference<>() {
		});
	}

	/**
	 * The image the site should run for this recipe: its base, an earlier build, or a new build (which may take
	 * minutes). Never changes the site's service.
	 * @throws ComponentCallException with status 422 and the orchestrator's message when the build failed
	 */
	public ImageBuild buildImage(long siteId, ImageRecipe recipe) {
		try (InputStream in = builds.exchange("POST", "/sites/" + siteId + "/image", body(recipe), "application/json")
			.body()) {
			return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TypeReference<>() {
			});
		}
		catch (IOException ex) {
			throw new ComponentCallException(0, "lost the connection to the orchestrator: " + ex.getMessage());
		}
	}

	/**
	 * The site's database as SQL, dumped by the orchestrator with the site's own credentials once the dump has
	 * finished (it may take minutes); streamed, and closed by the caller.
	 */
	public FileDownload databaseDump(long siteId, DatabaseAccess access) {
		HttpResponse<InputStream> response = builds.exchange("POST", "/sites/" + siteId + "/database/dump",
				body(access), "application/json");
		return new FileDownload(response.body(), response.headers().firstValueAsLong("Content-Length").orElse(-1));
	}

	private byte[] body(Object value) {
		try {
			return json.writeValueAsBytes(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	/** The output of the site's last image build, or empty when it has had none. */
	public Optional<String> buildLog(long siteId) {
		try {
			return Optional.of(reads.get("/sites/" + siteId + "/image/log"));
		}
		catch (ComponentCallException ex) {
			if (ex.status() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/** What the site's process is doing. */
	public ProcessStatus process(long siteId) {
		return read(reads.get("/sites/" + siteId + "/process"), new TypeReference<>() {
		});
	}

	/** How much disk space the site's files take, and the most they may; 404 when the site is not there. */
	public DiskUsage disk(long siteId) {
		return read(reads.get("/sites/" + siteId + "/disk"), new TypeReference<>() {
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
		return reads.get("/sites/" + siteId + "/process/logs?tail=" + tail);
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
