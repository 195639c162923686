package edu.tjhsst.director.manager.site;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteNames;
import edu.tjhsst.director.common.site.SiteType;

/**
 * What may be wrong with a new site as asked, for the portal's form and the API alike: its name (the shared rules,
 * and not taken), its type, its runtime (one on offer, for a site with a process of its own) and its description.
 */
@Component
class NewSiteRules {

	static final int MAX_DESCRIPTION = 500;

	private final SiteRepository sites;

	private final RuntimeChoices runtimes;

	NewSiteRules(SiteRepository sites, RuntimeChoices runtimes) {
		this.sites = sites;
		this.runtimes = runtimes;
	}

	/**
	 * Each field at fault, in the form's order, with what to do; empty when the site can be created as asked.
	 * @param type null when the request named a type the portal does not know
	 */
	Map<String, String> problems(String name, SiteType type, String runtime, String description) {
		Map<String, String> problems = new LinkedHashMap<>();
		SiteNames.problem(name).ifPresent(problem -> problems.put("name", problem));
		if (!problems.containsKey("name") && sites.existsByName(name)) {
			problems.put("name", SiteService.NameTakenException.MESSAGE);
		}
		if (type == null) {
			problems.put("type", "Choose Static, PHP or Dynamic.");
		}
		else if (type == SiteType.DYNAMIC) {
			runtimes.problem(runtime).ifPresent(problem -> problems.put("runtime", problem));
		}
		if (description.length() > MAX_DESCRIPTION) {
			problems.put("description", "Keep the description under " + MAX_DESCRIPTION + " characters.");
		}
		return problems;
	}

}
