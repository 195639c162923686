package edu.tjhsst.director.orchestrator.image;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.docker.DockerImages;
import edu.tjhsst.director.orchestrator.docker.DockerNotFoundException;
import edu.tjhsst.director.orchestrator.docker.DockerRefusedException;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.ServiceInfo;
import edu.tjhsst.director.orchestrator.docker.SiteNames;

/**
 * The tags of a site's own images, {@code director/site-<id>:...}, and their removal: all of them, or the older ones
 * that the site's service does not run. An image the engine will not remove (a container still uses it) stays.
 */
final class SiteImageTags {

	private static final Logger log = LoggerFactory.getLogger(SiteImageTags.class);

	private final DockerImages images;

	private final DockerServices services;

	private final SiteNames names;

	SiteImageTags(DockerImages images, DockerServices services, SiteNames names) {
		this.images = images;
		this.services = services;
		this.names = names;
	}

	/** Removes every image of the site's; nothing to do if none. */
	void removeAll(long siteId) {
		for (String tag : tags(siteId)) {
			remove(tag);
		}
	}

	/** Removes older builds of the site that its service does not run; the new one and the running one stay. */
	void removeUnused(long siteId, String keep) {
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
		Optional<ServiceInfo> service = services.inspect(names.service(siteId));
		if (service.isEmpty()) {
			return null;
		}
		String image = service.get().image();
		// Swarm may pin the tag to a digest: director/site-1:abc@sha256:...
		return image != null && image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
	}

	private List<String> tags(long siteId) {
		String prefix = names.imageRepository(siteId) + ":";
		return images.ofRepository(names.imageRepository(siteId)).stream()
			.flatMap(image -> image.tags().stream())
			.filter(tag -> tag.startsWith(prefix))
			.distinct()
			.toList();
	}

	private void remove(String tag) {
		try {
			images.remove(tag);
			log.info("removed image {}", tag);
		}
		catch (DockerNotFoundException ex) {
			// already gone
		}
		catch (DockerRefusedException ex) {
			log.warn("cannot remove image {}: {}", tag, ex.getMessage());
		}
	}

}
