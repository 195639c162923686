package edu.tjhsst.director.manager.reconcile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.site.SiteRepository;

/**
 * Takes away what the app server and the router still serve of sites the manager no longer has: a service, a web
 * server file or a route left by a deletion that went wrong, or a site removed from the database by hand. The app
 * server sets such a site's files aside rather than removing them. The components' lists are read before the manager's
 * own: a new site's row is stored before anything of it is made, so a site created meanwhile is never taken for a
 * leftover.
 * <p>
 * A manager pointed at the wrong database, or at a backup older than the sites, would find every newer site a
 * leftover: a site is removed only once two rounds in a row found it so, and never when more than
 * {@value #MOST_AT_ONCE} are, or when the manager has no site at all; those are told to administrators instead.
 */
@Component
class Leftovers {

	/** The most sites a round removes what is left of; more at once is more likely a mistaken database. */
	static final int MOST_AT_ONCE = 5;

	private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

	private final SiteRepository sites;

	private final OrchestratorClient orchestrator;

	private final RouterClient router;

	private final RepairRepository repairs;

	/** The leftovers the last round found, by component; only those found again are removed. */
	private final LeftoverSightings sightings;

	Leftovers(SiteRepository sites, OrchestratorClient orchestrator, RouterClient router, RepairRepository repairs,
			LeftoverSightings sightings) {
		this.sites = sites;
		this.orchestrator = orchestrator;
		this.router = router;
		this.repairs = repairs;
		this.sightings = sightings;
	}

	/**
	 * Removes the leftovers found in this round and the one before (by any manager: the last round's are kept in the
	 * database), and records each removal.
	 * @param problems where a refusal, an absence or a suspicious number of leftovers is told
	 * @return how many things were removed
	 */
	synchronized int sweep(List<String> problems) {
		Set<Long> served;
		Set<Long> routed;
		Set<Long> known;
		try {
			served = new TreeSet<>(orchestrator.siteIds());
			routed = new TreeSet<>(router.routedIds());
			known = new HashSet<>(sites.ids());
		}
		catch (RuntimeException ex) {
			problems.add("What is left of deleted sites was not looked for: " + ex.getMessage());
			return 0;
		}
		served.removeAll(known);
		routed.removeAll(known);
		Set<Long> unknown = new TreeSet<>(served);
		unknown.addAll(routed);
		if (!unknown.isEmpty() && (known.isEmpty() || unknown.size() > MOST_AT_ONCE)) {
			problems.add("The app server or the router serves " + unknown.size() + " sites this manager does not have "
					+ unknown + "; nothing was removed, as so many (or a manager without sites) more likely means the"
					+ " manager's database is not the platform's. Check it; a site removed by mistake is restored by"
					+ " restoring its database row.");
			sightings.replace(Repair.Component.APP_SERVER, Set.of());
			sightings.replace(Repair.Component.ROUTER, Set.of());
			return 0;
		}
		int removed = removeSeenTwice(served, sightings.last(Repair.Component.APP_SERVER), Repair.Component.APP_SERVER,
				orchestrator::retire, problems)
				+ removeSeenTwice(routed, sightings.last(Repair.Component.ROUTER), Repair.Component.ROUTER,
						router::unpublish, problems);
		sightings.replace(Repair.Component.APP_SERVER, served);
		sightings.replace(Repair.Component.ROUTER, routed);
		return removed;
	}

	private int removeSeenTwice(Set<Long> found, Set<Long> before, Repair.Component component,
			LongFunction<List<String>> remove, List<String> problems) {
		int removed = 0;
		for (long id : found) {
			if (!before.contains(id)) {
				continue;
			}
			try {
				List<String> changes = remove.apply(id);
				repairs.recordLeftover(id, component, changes);
				removed += changes.size();
			}
			catch (ComponentCallException ex) {
				// One stuck leftover must not keep the others.
				log.warn("cannot remove what is left of site {} on the {}: {}", id, component.title(), ex.getMessage());
				problems.add("What is left of site " + id + " on the " + component.title().toLowerCase()
						+ " was not removed: " + ex.getMessage());
			}
		}
		return removed;
	}

}
