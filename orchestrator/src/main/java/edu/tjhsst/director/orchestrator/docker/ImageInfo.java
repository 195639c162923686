package edu.tjhsst.director.orchestrator.docker;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Image;

/**
 * A local image as the engine reports it, in Director's terms.
 * @param id its id, {@code sha256:...}
 * @param tags its tags, such as {@code director/runtime-python:3}, empty when it has none
 * @param labels its labels, empty when it has none
 */
public record ImageInfo(String id, List<String> tags, Map<String, String> labels) {

	/** An image as a listing shows it. */
	static ImageInfo from(Image image) {
		return new ImageInfo(image.getId(),
				image.getRepoTags() == null ? List.of() : Arrays.asList(image.getRepoTags()),
				image.getLabels() == null ? Map.of() : image.getLabels());
	}

	/** An image as its inspection shows it. */
	static ImageInfo from(InspectImageResponse image) {
		Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
		return new ImageInfo(image.getId(), image.getRepoTags() == null ? List.of() : image.getRepoTags(),
				labels == null ? Map.of() : labels);
	}

}
