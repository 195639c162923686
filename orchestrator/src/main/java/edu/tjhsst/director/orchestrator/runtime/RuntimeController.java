package edu.tjhsst.director.orchestrator.runtime;

import java.util.Arrays;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the runtimes a dynamic site may choose, with the names and descriptions the portal shows. */
@RestController
class RuntimeController {

	@GetMapping("/runtimes")
	List<Entry> runtimes() {
		return Arrays.stream(Runtime.values())
			.map(runtime -> new Entry(runtime.id(), runtime.image(), runtime.title(), runtime.description()))
			.toList();
	}

	/**
	 * One runtime as the API shows it.
	 * @param name the name a spec uses
	 * @param image the image a site's service runs
	 * @param title a short name to show people
	 * @param description one sentence on what it holds
	 */
	record Entry(String name, String image, String title, String description) {
	}

}
