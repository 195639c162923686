package edu.tjhsst.director.orchestrator.image;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.image.ImageRecipe;
import edu.tjhsst.director.orchestrator.RejectedInputException;

/**
 * Builds a site's own image from a recipe ({@code POST /sites/{id}/image}), shows its last build's output and lists
 * the runtime images administrators may offer. Never touches a site's service.
 */
@RestController
class ImageController {

	private final SiteImages images;

	private final RuntimeImages runtimes;

	ImageController(SiteImages images, RuntimeImages runtimes) {
		this.images = images;
		this.runtimes = runtimes;
	}

	@PostMapping(path = "/sites/{id}/image", consumes = MediaType.APPLICATION_JSON_VALUE)
	BuildResult build(@PathVariable long id, @RequestBody ImageRecipe recipe) {
		if (id <= 0) {
			throw new RejectedInputException("id must be positive");
		}
		List<String> problems = recipe.problems();
		if (!problems.isEmpty()) {
			throw new RejectedInputException(String.join("; ", problems));
		}
		return images.build(id, recipe);
	}

	@GetMapping(path = "/sites/{id}/image/log", produces = MediaType.TEXT_PLAIN_VALUE)
	String log(@PathVariable long id) {
		if (id <= 0) {
			throw new RejectedInputException("id must be positive");
		}
		return images.lastLog(id).orElseThrow(() -> new NoBuildLogException(id));
	}

	@GetMapping("/images")
	List<RuntimeImages.Entry> runtimeImages() {
		return runtimes.list();
	}

}
