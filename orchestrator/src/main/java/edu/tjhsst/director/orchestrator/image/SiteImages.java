package edu.tjhsst.director.orchestrator.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import edu.tjhsst.director.common.image.ImageRecipe;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.docker.DockerImages;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.ImageInfo;
import edu.tjhsst.director.orchestrator.docker.SiteNames;

/**
 * Sites' own images, {@code director/site-<id>:<digest of what went in>} (see {@link SiteNames}): built on a runtime image, one build per site
 * and a few per app server at a time, each build's output kept in {@code builds/<id>.log}.
 * A build never touches the site's service; a failed one leaves nothing but its log.
 */
@Component
public class SiteImages {

	private static final Logger log = LoggerFactory.getLogger(SiteImages.class);

	/** How many lines of a build's output an answer carries. */
	static final int LOG_LINES = 200;

	private final DockerImages images;

	private final SiteNames names;

	private final SiteImageTags tags;

	private final RuntimeImages runtimes;

	private final OrchestratorProperties properties;

	private final BuildProperties builds;

	private final Semaphore slots;

	private final Set<Long> building = ConcurrentHashMap.newKeySet();

	SiteImages(DockerImages images, DockerServices services, RuntimeImages runtimes, OrchestratorProperties properties,
			BuildProperties builds, SiteNames names) {
		this.images = images;
		this.names = names;
		this.tags = new SiteImageTags(images, services, names);
		this.runtimes = runtimes;
		this.properties = properties;
		this.builds = builds;
		this.slots = new Semaphore(builds.maxParallel(), true);
	}

	/**
	 * The image the site should run for this valid recipe: the base itself, an earlier build of the same recipe,
	 * or a new build.
	 * @throws RejectedInputException when the base is not a runtime image here
	 * @throws BuilderBusyException when a build for the site is running, or no build slot came free in time
	 * @throws BuildFailedException when the build failed or ran out of time
	 */
	BuildResult build(long siteId, ImageRecipe recipe) {
		ImageInfo base = runtimes.inspect(recipe.base())
			.filter(image -> RuntimeImages.runtimeOf(image) != null)
			.filter(image -> !SiteNames.isSiteImage(recipe.base()))
			.orElseThrow(() -> new RejectedInputException(
					"image " + recipe.base() + " is not a runtime image on this app server"));
		if (!recipe.needsBuild()) {
			return new BuildResult(recipe.base(), false, "");
		}
		String tag = names.imageRepository(siteId) + ":" + digest(base.id(), recipe);
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
				tags.removeUnused(siteId, tag);
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

	/** Whether an image of the site's is being built now. */
	boolean isBuilding(long siteId) {
		return building.contains(siteId);
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
		tags.removeAll(siteId);
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
		BuildLog output;
		try {
			output = new BuildLog(logFile(siteId), LOG_LINES);
		}
		catch (IOException ex) {
			FileSystemUtils.deleteRecursively(context.toFile());
			throw new UncheckedIOException(ex);
		}
		try {
			output.line("Building " + tag + " on " + recipe.base());
			if (!images.build(context, tag, builds.timeout(), output)) {
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
		finally {
			output.close();
			FileSystemUtils.deleteRecursively(context.toFile());
		}
	}

	private Path logFile(long siteId) {
		if (siteId <= 0) {
			throw new IllegalArgumentException("a site id is positive");
		}
		return properties.data().resolve("builds").resolve(siteId + ".log");
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

}
