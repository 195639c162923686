package edu.tjhsst.director.orchestrator.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;

import org.springframework.stereotype.Component;

/** The local images a site may run: those carrying the {@code director.runtime} label, and sites' own builds. */
@Component
public class RuntimeImages {

	/** The label every runtime image carries, naming its runtime; images built on one inherit it. */
	public static final String RUNTIME_LABEL = "director.runtime";

	/** The repository prefix of sites' own images, {@code director/site-<id>}. */
	static final String SITE_REPOSITORY_PREFIX = "director/site-";

	private final DockerClient docker;

	RuntimeImages(DockerClient docker) {
		this.docker = docker;
	}

	/** Whether the image exists locally and is a runtime image (or built on one). */
	public boolean isRuntime(String image) {
		return image != null && inspect(image).map(found -> runtimeOf(found) != null).orElse(false);
	}

	/** The image as the engine describes it, if it exists locally. */
	Optional<InspectImageResponse> inspect(String image) {
		try {
			return Optional.of(docker.inspectImageCmd(image).exec());
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The runtime images administrators may offer, by tag, without sites' own builds. */
	List<Entry> list() {
		List<Entry> entries = new ArrayList<>();
		for (Image image : docker.listImagesCmd().withLabelFilter(RUNTIME_LABEL).exec()) {
			String runtime = image.getLabels() == null ? null : image.getLabels().get(RUNTIME_LABEL);
			if (image.getRepoTags() == null || runtime == null) {
				continue;
			}
			for (String tag : image.getRepoTags()) {
				if (tag.startsWith("director/") && !tag.startsWith(SITE_REPOSITORY_PREFIX) && !tag.endsWith(":<none>")) {
					entries.add(new Entry(tag, runtime));
				}
			}
		}
		entries.sort(Comparator.comparing(Entry::image));
		return entries;
	}

	static String runtimeOf(InspectImageResponse image) {
		Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
		return labels == null ? null : labels.get(RUNTIME_LABEL);
	}

	/**
	 * One runtime image as {@code GET /images} shows it.
	 * @param image its tag, such as {@code director/runtime-python:3}
	 * @param runtime the value of its {@code director.runtime} label
	 */
	record Entry(String image, String runtime) {
	}

}
