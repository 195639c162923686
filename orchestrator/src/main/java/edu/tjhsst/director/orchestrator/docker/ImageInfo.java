package edu.tjhsst.director.orchestrator.docker;

import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * @param created when it was made, or null when the engine does not say
 */
public record ImageInfo(String id, List<String> tags, Map<String, String> labels, Instant created) {

	/** An image as a listing shows it. */
	static ImageInfo from(Image image) {
		return new ImageInfo(image.getId(),
				image.getRepoTags() == null ? List.of() : Arrays.asList(image.getRepoTags()),
				image.getLabels() == null ? Map.of() : image.getLabels(),
				image.getCreated() == null ? null : Instant.ofEpochSecond(image.getCreated()));
	}

	/** An image as its inspection shows it. */
	static ImageInfo from(InspectImageResponse image) {
		Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
		return new ImageInfo(image.getId(), image.getRepoTags() == null ? List.of() : image.getRepoTags(),
				labels == null ? Map.of() : labels, parse(image.getCreated()));
	}

	private static Instant parse(String text) {
		try {
			return text == null ? null : Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
