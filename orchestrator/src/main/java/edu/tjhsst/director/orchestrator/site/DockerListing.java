package edu.tjhsst.director.orchestrator.site;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.orchestrator.service.SiteServices;
import edu.tjhsst.director.orchestrator.terminal.TerminalContainers;

/**
 * Which sites Docker may hold a service or a terminal container of, as a converge needs to know before it removes
 * them. A batch lists each kind once, the first time one of its sites asks ({@link BatchConverger}); asked under load,
 * Docker took ~80 ms to say that a static site has no service, twice for each new site, where one listing answers for
 * a hundred. A site alone asks about each by name. A service or container made after a listing is not in it: the
 * manager's next round finds and removes it.
 * @param services whether the site may have a service
 * @param terminals whether the site may have a terminal container
 */
record DockerListing(Predicate<Long> services, Predicate<Long> terminals) {

	private static final Logger log = LoggerFactory.getLogger(DockerListing.class);

	/** For one site: nothing listed, so every removal asks Docker. */
	static final DockerListing UNLISTED = new DockerListing(id -> true, id -> true);

	/** Lists each kind when first asked; a kind Docker cannot list is asked about site by site. */
	static DockerListing of(SiteServices services, TerminalContainers terminals) {
		return new DockerListing(once(services::listed, "services"), once(terminals::listed, "containers"));
	}

	boolean mayHaveService(long siteId) {
		return services.test(siteId);
	}

	boolean mayHaveTerminal(long siteId) {
		return terminals.test(siteId);
	}

	private static Predicate<Long> once(Supplier<Predicate<Long>> listing, String what) {
		return new Predicate<>() {

			private Predicate<Long> listed;

			@Override
			public synchronized boolean test(Long siteId) {
				if (listed == null) {
					try {
						listed = listing.get();
					}
					catch (RuntimeException ex) {
						log.warn("cannot list {}; each site's are asked for by name: {}", what, ex.getMessage());
						listed = any -> true;
					}
				}
				return listed.test(siteId);
			}

		};
	}

}
