package edu.tjhsst.director.orchestrator.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.image.ImageRecipe;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.RejectedInputException;

/**
 * Sites' own images, {@code director/site-<id>:<digest of what went in>}: built on a runtime image with docker-java,
 * one build per site and a few per app server at a time, each build's output kept in {@code builds/<id>.log}.
 * A build never touches the site's service; a failed one leaves nothing but its log.
 */
@Component
public class SiteImages {

	private static final Logger log = LoggerFactory.getLogger(SiteImages.class);

	/** How many lines of a build's output an answer carries. */
	static final int LOG_LINES = 200;

	private final DockerClient docker;

	private final RuntimeImages runtimes;

	private final OrchestratorProperties properties;

	private final BuildProperties builds;

	private final Semaphore slots;

	private final Set<Long> building = ConcurrentHashMap.newKeySet();

	SiteImages(DockerClient docker, RuntimeImages runtimes, OrchestratorProperties properties, BuildProperties builds) {
		this.docker = docker;
		this.runtimes = runtimes;
		this.properties = properties;
		this.builds = builds;
		this.slots = new Semaphore(builds.maxParallel(), true);
	}

	/** The repository of a site's own images. */
	static String repository(long siteId) {
		return RuntimeImages.SITE_REPOSITORY_PREFIX + siteId;
	}

	/**
	 * The image the site should run for this valid recipe: the base itself, an earlier build of the same recipe,
	 * or a new build.
	 * @throws RejectedInputException when the base is not a runtime image here
	 * @throws BuilderBusyException when a build for the site is running, or no build slot came free in time
	 * @throws BuildFailedException when the build failed or ran out of time
	 */
	BuildResult build(long siteId, ImageRecipe recipe) {
		InspectImageResponse base = runtimes.inspect(recipe.base())
			.filter(image -> RuntimeImages.runtimeOf(image) != null)
			.filter(image -> !recipe.base().startsWith(RuntimeImages.SITE_REPOSITORY_PREFIX))
			.orElseThrow(() -> new RejectedInputException(
					"image " + recipe.base() + " is not a runtime image on this app server"));
		if (!recipe.needsBuild()) {
			return new BuildResult(recipe.base(), false, "");
		}
		String tag = repository(siteId) + ":" + digest(base.getId(), recipe);
		if (runtimes.inspect(tag).isPresent()) {
			String note = "The image " + tag + " was built before for the same runtime, setup commands and packages;"
					+ " it is reused.\n";
			writeLog(siteId, note);
			return new BuildResult(tag, false, note);
		}
		if (!building.add(siteId)) {
			throw new BuilderBusyException("an image for site " + siteId + " is being built; wait for it to finish");
		}
		try {
			acquireSlot();
			try {
				BuildResult result = buildNow(siteId, recipe, tag);
				removeUnused(siteId, tag);
				return result;
			}
			finally {
				slots.release();
			}
		}
		finally {
			building.remove(siteId);
		}
	}

	/** The whole output of the site's last build, if it had one here. */
	Optional<String> lastLog(long siteId) {
		Path file = logFile(siteId);
		try {
			return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Removes every image of the site's and its build log, as deleting the site does; nothing to do if none. */
	public void removeAll(long siteId) {
		for (String tag : tags(siteId)) {
			remove(tag);
		}
		try {
			Files.deleteIfExists(logFile(siteId));
		}
		catch (IOException ex) {
			log.warn("cannot remove the build log of site {}: {}", siteId, ex.getMessage());
		}
	}

	private void writeLog(long siteId, String text) {
		try {
			Files.createDirectories(logFile(siteId).getParent());
			Files.writeString(logFile(siteId), text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void acquireSlot() {
		try {
			if (!slots.tryAcquire(builds.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new BuilderBusyException("the app server is busy building other images; try again in a moment");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BuilderBusyException("interrupted while waiting to build");
		}
	}

	private BuildResult buildNow(long siteId, ImageRecipe recipe, String tag) {
		Path context;
		try {
			context = Files.createTempDirectory("director-build-" + siteId + "-");
			Files.writeString(context.resolve("Dockerfile"), Dockerfiles.of(siteId, recipe), StandardCharsets.UTF_8);
			if (!recipe.setup().isBlank()) {
				Files.writeString(context.resolve(Dockerfiles.SETUP_SCRIPT), recipe.setup(), StandardCharsets.UTF_8);
			}
			Files.createDirectories(logFile(siteId).getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.info("building {} for site {}", tag, siteId);
		BuildOutput output;
		try {
			output = new BuildOutput(logFile(siteId));
		}
		catch (IOException ex) {
			FileSystemUtils.deleteRecursively(context.toFile());
			throw new UncheckedIOException(ex);
		}
		try (DockerClient client = buildClient()) {
			output.line("Building " + tag + " on " + recipe.base());
			ResultCallback.Adapter<BuildResponseItem> callback = client.buildImageCmd(context.toFile())
				.withTags(Set.of(tag))
				.withPull(false)
				.withRemove(true)
				.withForcerm(true)
				.exec(output);
			boolean finished = callback.awaitCompletion(builds.timeout().toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				callback.close();
				output.line("Stopped: the build ran longer than " + minutes(builds.timeout()) + ".");
				throw new BuildFailedException("The image build failed: it ran longer than "
						+ minutes(builds.timeout()) + ".", output.tail());
			}
			Optional<String> error = output.error();
			if (error.isPresent() || runtimes.inspect(tag).isEmpty()) {
				// apt's own "E: ..." line says what to fix (an unknown package); the engine's only that a step failed.
				String line = output.aptError().orElse(error.orElse("the build ended without an image"));
				throw new BuildFailedException("The image build failed: " + line, output.tail());
			}
			output.line("Built " + tag + ".");
			return new BuildResult(tag, true, output.tail());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BuildFailedException("The image build failed: interrupted", "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			output.closeFile();
			FileSystemUtils.deleteRecursively(context.toFile());
		}
	}

	/** Older builds of the site that its service does not run; the new one and the running one stay. */
	private void removeUnused(long siteId, String keep) {
		String running;
		try {
			running = runningImage(siteId);
		}
		catch (RuntimeException ex) {
			log.warn("cannot tell which image site {} runs, so its older images stay: {}", siteId, ex.getMessage());
			return;
		}
		for (String tag : tags(siteId)) {
			if (!tag.equals(keep) && !tag.equals(running)) {
				remove(tag);
			}
		}
	}

	/** The image the site's service runs, or null when it has none. */
	private String runningImage(long siteId) {
		Service service;
		try {
			service = docker.inspectServiceCmd("site_" + siteId).exec();
		}
		catch (NotFoundException ex) {
			return null;
		}
		String image = service.getSpec().getTaskTemplate().getContainerSpec().getImage();
		// Swarm may pin the tag to a digest: director/site-1:abc@sha256:...
		return image != null && image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
	}

	private List<String> tags(long siteId) {
		String prefix = repository(siteId) + ":";
		return docker.listImagesCmd().withImageNameFilter(repository(siteId)).exec().stream()
			.map(Image::getRepoTags)
			.filter(tags -> tags != null)
			.flatMap(tags -> java.util.Arrays.stream(tags))
			.filter(tag -> tag.startsWith(prefix))
			.distinct()
			.toList();
	}

	private void remove(String tag) {
		try {
			docker.removeImageCmd(tag).withForce(false).exec();
			log.info("removed image {}", tag);
		}
		catch (NotFoundException ex) {
			// already gone
		}
		catch (DockerException ex) {
			log.warn("cannot remove image {}: {}", tag, ex.getMessage());
		}
	}

	private Path logFile(long siteId) {
		if (siteId <= 0) {
			throw new IllegalArgumentException("a site id is positive");
		}
		return properties.data().resolve("builds").resolve(siteId + ".log");
	}

	/** A client of its own, whose read timeout outlasts the quiet spells of a long build. */
	private DockerClient buildClient() {
		DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost(properties.dockerHost())
			.withApiVersion(RemoteApiVersion.VERSION_1_41)
			.build();
		return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
			.dockerHost(URI.create(properties.dockerHost()))
			.sslConfig(config.getSSLConfig())
			.connectionTimeout(Duration.ofSeconds(5))
			.responseTimeout(builds.timeout().plusMinutes(1))
			.build());
	}

	private static String minutes(Duration duration) {
		return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
	}

	/** The first 12 hex digits of SHA-256 over what the image is made of. */
	static String digest(String baseId, ImageRecipe recipe) {
		String text = baseId + "\u0000" + recipe.setup() + "\u0000" + String.join(" ", recipe.packages());
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Writes a build's output to its log file as it comes, and keeps its last lines and its error. */
	private static final class BuildOutput extends ResultCallback.Adapter<BuildResponseItem> {

		private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

		private final java.io.Writer file;

		private final Deque<String> tail = new ArrayDeque<>();

		private final StringBuilder partial = new StringBuilder();

		private volatile String error;

		private volatile String aptError;

		BuildOutput(Path path) throws IOException {
			this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
		}

		@Override
		public void onNext(BuildResponseItem item) {
			if (item.getStream() != null) {
				text(item.getStream());
			}
			if (item.getErrorDetail() != null || item.getError() != null) {
				String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
						? item.getErrorDetail().getMessage() : item.getError();
				error = message.strip();
				text(message + "\n");
			}
		}

		@Override
		public void onError(Throwable throwable) {
			if (error == null) {
				error = throwable.getMessage() == null ? throwable.getClass().getSimpleName() : throwable.getMessage();
			}
			text("error: " + error + "\n");
			super.onError(throwable);
		}

		synchronized void line(String text) {
			text(text + "\n");
		}

		private synchronized void text(String text) {
			partial.append(text);
			int newline;
			while ((newline = partial.indexOf("\n")) >= 0) {
				// The engine colours a step's stderr with terminal escapes; the log is read in a browser.
				String line = ESCAPES.matcher(partial.substring(0, newline)).replaceAll("").replace("\r", "");
				partial.delete(0, newline + 1);
				if (line.startsWith("E: ")) {
					aptError = line;
				}
				tail.addLast(line);
				if (tail.size() > LOG_LINES) {
					tail.removeFirst();
				}
				try {
					file.write(line);
					file.write('\n');
					file.flush();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

		Optional<String> error() {
			return Optional.ofNullable(error);
		}

		/** The last error apt reported, such as {@code E: Unable to locate package foo}. */
		Optional<String> aptError() {
			return Optional.ofNullable(aptError);
		}

		synchronized String tail() {
			return String.join("\n", tail) + (tail.isEmpty() ? "" : "\n");
		}

		/** Ends the log file; the callback's own close() only ends the stream, and comes first. */
		synchronized void closeFile() {
			try {
				file.close();
			}
			catch (IOException ex) {
				log.warn("cannot close a build log: {}", ex.getMessage());
			}
		}

	}

}
