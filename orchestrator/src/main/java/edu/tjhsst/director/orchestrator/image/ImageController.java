package edu.tjhsst.director.orchestrator.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.image.ImageRecipe;
import edu.tjhsst.director.orchestrator.api.BadRequestException;
import edu.tjhsst.director.orchestrator.api.NotFoundException;

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
			throw new BadRequestException("id must be positive");
		}
		List<String> problems = recipe.problems();
		if (!problems.isEmpty()) {
			throw new BadRequestException(String.join("; ", problems));
		}
		return images.build(id, recipe);
	}

	@GetMapping(path = "/sites/{id}/image/log", produces = MediaType.TEXT_PLAIN_VALUE)
	String log(@PathVariable long id) {
		if (id <= 0) {
			throw new BadRequestException("id must be positive");
		}
		return images.lastLog(id).orElseThrow(() -> new NotFoundException("site " + id + " has no build log"));
	}

	@GetMapping("/images")
	List<RuntimeImages.Entry> runtimeImages() {
		return runtimes.list();
	}

	@ExceptionHandler(BuildFailedException.class)
	ResponseEntity<Map<String, String>> failed(BuildFailedException ex) {
		Map<String, String> body = new LinkedHashMap<>();
		// "error" as every error body has it, for clients that read only that.
		body.put("error", ex.getMessage());
		body.put("message", ex.getMessage());
		body.put("log", ex.log());
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(body);
	}

}
