package edu.tjhsst.director.orchestrator.image;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.disk.SitesVolume;
import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerImages;
import edu.tjhsst.director.orchestrator.docker.DockerNotFoundException;
import edu.tjhsst.director.orchestrator.docker.DockerRefusedException;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.ImageInfo;
import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.orchestrator.operator.OperatorApi;

/**
 * The images on this app server as operators see them (the runtimes, and this platform's sites' own builds), and the
 * removal of builds whose site is gone: a deletion that could not remove them (a container still used one), or a
 * site the manager no longer has, whose folder was set aside.
 */
@RestController
@OperatorApi
@RequestMapping(OperatorApi.PATH + "/images")
class OperatorImageController {

	private static final int MAX_AGE_HOURS = 24 * 366;

	private final RuntimeImages runtimes;

	private final SiteImages siteImages;

	private final DockerImages images;

	private final DockerServices services;

	private final SiteNames names;

	private final OrchestratorProperties properties;

	private final SitesVolume volume;

	OperatorImageController(RuntimeImages runtimes, SiteImages siteImages, DockerImages images,
			DockerServices services, SiteNames names, OrchestratorProperties properties, SitesVolume volume) {
		this.runtimes = runtimes;
		this.siteImages = siteImages;
		this.images = images;
		this.services = services;
		this.names = names;
		this.properties = properties;
		this.volume = volume;
	}

	@GetMapping
	OperatorImages list() {
		return new OperatorImages(runtimes.list(), siteImages());
	}

	/**
	 * Removes the builds of sites that have neither a folder nor a service here, made at least {@code minAgeHours}
	 * ago (24 unless given: a site being created has its image before its folder) and not being built; with
	 * {@code dryRun}, only says which it would remove. Refused while the sites' volume is not mounted, when every site
	 * would look gone.
	 */
	@PostMapping("/prune")
	OperatorPrune prune(@RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(defaultValue = "24") int minAgeHours) {
		if (minAgeHours < 0 || minAgeHours > MAX_AGE_HOURS) {
			throw new RejectedInputException("minAgeHours must be 0 to " + MAX_AGE_HOURS);
		}
		if (!volume.inPlace()) {
			throw new PruneRefusedException("the sites' folder is not there (is the sites' volume mounted?), so every"
					+ " site would look gone; nothing was removed");
		}
		Instant madeBefore = Instant.now().minus(Duration.ofHours(minAgeHours));
		List<String> removed = new ArrayList<>();
		List<String> kept = new ArrayList<>();
		List<SiteImage> orphans = siteImages().stream().filter(SiteImage::orphan).toList();
		for (SiteImage image : orphans) {
			if (siteImages.isBuilding(image.site())) {
				kept.add(image.tag() + ": its site's image is being built");
			}
			else if (image.created() == null || image.created().isAfter(madeBefore)) {
				kept.add(image.tag() + ": made less than " + minAgeHours + " hours ago");
			}
			else if (dryRun) {
				removed.add(image.tag());
			}
			else {
				try {
					images.remove(image.tag());
					removed.add(image.tag());
				}
				catch (DockerNotFoundException ex) {
					// Gone meanwhile: what a prune wants.
					removed.add(image.tag());
				}
				catch (DockerRefusedException ex) {
					kept.add(image.tag() + ": " + ex.getMessage());
				}
			}
		}
		if (!dryRun) {
			// A gone site none of whose builds is left loses its last build's log too, as its deletion would have.
			orphans.stream().map(SiteImage::site).distinct()
				.filter(site -> kept.stream().noneMatch(line -> line.startsWith(names.imageRepository(site) + ":")))
				.forEach(siteImages::removeAll);
		}
		return new OperatorPrune(dryRun, removed, kept);
	}

	/** This platform's sites' builds, each with whether its site is gone. */
	private List<SiteImage> siteImages() {
		List<SiteImage> found = new ArrayList<>();
		for (ImageInfo image : images.labelled(DirectorLabels.SITE)) {
			Optional<Long> site = DirectorLabels.site(image.labels()).filter(id -> id > 0);
			if (site.isEmpty()) {
				continue;
			}
			String prefix = names.imageRepository(site.get()) + ":";
			for (String tag : image.tags()) {
				if (tag.startsWith(prefix)) {
					boolean gone = !Files.exists(properties.siteDir(site.get()))
							&& services.inspect(names.service(site.get())).isEmpty();
					found.add(new SiteImage(tag, site.get(), image.id(), image.created(), gone));
				}
			}
		}
		return found;
	}

	/**
	 * The images an operator sees.
	 * @param runtimes the runtime images sites may run
	 * @param sites this platform's sites' own builds
	 */
	record OperatorImages(List<RuntimeImages.Entry> runtimes, List<SiteImage> sites) {
	}

	/**
	 * A site's own build.
	 * @param tag its tag
	 * @param site the site it was built for
	 * @param id the image's id
	 * @param created when it was made, or null when the engine does not say
	 * @param orphan whether that site has neither a folder nor a service here, so that a prune may remove it
	 */
	record SiteImage(String tag, long site, String id, Instant created, boolean orphan) {
	}

	/**
	 * What a prune did.
	 * @param dryRun whether it only said what it would remove
	 * @param removed the tags removed (or that would be)
	 * @param kept the orphans' tags left, each with why (too new, being built, or the engine would not remove it)
	 */
	record OperatorPrune(boolean dryRun, List<String> removed, List<String> kept) {
	}

}
