package edu.tjhsst.director.orchestrator.site;

import java.util.function.Predicate;

/**
 * Which sites Docker may hold a service or a terminal container of, as a converge needs to know before it removes
 * them. A batch lists each kind once ({@link BatchConverger}); asked under load, Docker takes ~80 ms to say that a
 * static site has no service, twice for each new site, where one listing answers for a hundred. A site alone is
 * asked about by name, as is anything made after a batch's listing: the manager's next round finds and removes it.
 * @param services whether the site may have a service
 * @param terminals whether the site may have a terminal container
 */
record DockerListing(Predicate<Long> services, Predicate<Long> terminals) {

	/** For one site: nothing listed, so every removal asks Docker. */
	static final DockerListing UNLISTED = new DockerListing(id -> true, id -> true);

	boolean mayHaveService(long siteId) {
		return services.test(siteId);
	}

	boolean mayHaveTerminal(long siteId) {
		return terminals.test(siteId);
	}

}
