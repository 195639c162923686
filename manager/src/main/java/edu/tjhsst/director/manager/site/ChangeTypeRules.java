package edu.tjhsst.director.manager.site;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteType;

/**
 * What changing how a site is served must satisfy, the same on the "Type" page and through the API: a type the portal
 * knows, a runtime on offer for a dynamic site, and a change from how it is served now.
 */
@Component
class ChangeTypeRules {

	private final RuntimeChoices runtimes;

	ChangeTypeRules(RuntimeChoices runtimes) {
		this.runtimes = runtimes;
	}

	/**
	 * Each field's problem ({@code type}, {@code runtime}), in the words the page shows next to it; none when the
	 * change can be asked for.
	 * @param type the type asked for, or null when the request named one the portal does not know
	 */
	Map<String, String> problems(Site site, SiteType type, String runtime) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (type == null) {
			problems.put("type", "Choose Static, PHP or Dynamic.");
		}
		else if (type == SiteType.DYNAMIC) {
			runtimes.problem(runtime).ifPresent(problem -> problems.put("runtime", problem));
		}
		boolean unchanged = type == site.type() && (type != SiteType.DYNAMIC || runtime.equals(site.runtime()));
		if (problems.isEmpty() && unchanged) {
			problems.put("type", "The site is already served this way; choose something else.");
		}
		return problems;
	}

	/** The runtime stored with the new type: a static site keeps its last one, for a change back. */
	static String stored(Site site, SiteType type, String runtime) {
		return switch (type) {
			case DYNAMIC -> runtime;
			case PHP -> Site.PHP_RUNTIME;
			case STATIC -> site.runtime();
		};
	}

}
