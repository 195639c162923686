package edu.tjhsst.director.orchestrator.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.docker.DirectorLabels;
import edu.tjhsst.director.orchestrator.docker.DockerImages;
import edu.tjhsst.director.orchestrator.docker.ImageInfo;
import edu.tjhsst.director.orchestrator.docker.SiteNames;

/** The local images a site may run: those carrying the {@code director.runtime} label, and sites' own builds. */
@Component
public class RuntimeImages {

	/** The label every runtime image carries, naming its runtime; images built on one inherit it. */
	public static final String RUNTIME_LABEL = DirectorLabels.RUNTIME;


	private final DockerImages docker;

	RuntimeImages(DockerImages docker) {
		this.docker = docker;
	}

	/** Whether the image exists locally and is a runtime image (or built on one). */
	public boolean isRuntime(String image) {
		return image != null && inspect(image).map(found -> runtimeOf(found) != null).orElse(false);
	}

	/** The image as the engine describes it, if it exists locally. */
	Optional<ImageInfo> inspect(String image) {
		return docker.inspect(image);
	}

	/** The runtime images administrators may offer, by tag, without sites' own builds. */
	List<Entry> list() {
		List<Entry> entries = new ArrayList<>();
		for (ImageInfo image : docker.labelled(RUNTIME_LABEL)) {
			String runtime = image.labels().get(RUNTIME_LABEL);
			if (runtime == null) {
				continue;
			}
			for (String tag : image.tags()) {
				if (tag.startsWith("director/") && !SiteNames.isSiteImage(tag) && !tag.endsWith(":<none>")) {
					entries.add(new Entry(tag, runtime));
				}
			}
		}
		entries.sort(Comparator.comparing(Entry::image));
		return entries;
	}

	static String runtimeOf(ImageInfo image) {
		return image.labels().get(RUNTIME_LABEL);
	}

	/**
	 * One runtime image as {@code GET /images} shows it.
	 * @param image its tag, such as {@code director/runtime-python:3}
	 * @param runtime the value of its {@code director.runtime} label
	 */
	record Entry(String image, String runtime) {
	}

}
