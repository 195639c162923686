package edu.tjhsst.director.manager.reconcile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.site.SiteRepository;

/**
 * Takes away what the app server and the router still serve of sites the manager no longer has: a service, a web
 * server file or a route left by a deletion that went wrong, or a site removed from the database by hand. The app
 * server keeps such a site's files (only the site's own deletion removes them). The components' lists are read before
 * the manager's own: a new site's row is stored before anything of it is made, so a site created meanwhile is never
 * taken for a leftover.
 */
@Component
class Leftovers {

	private final SiteRepository sites;

	private final OrchestratorClient orchestrator;

	private final RouterClient router;

	private final RepairRepository repairs;

	Leftovers(SiteRepository sites, OrchestratorClient orchestrator, RouterClient router, RepairRepository repairs) {
		this.sites = sites;
		this.orchestrator = orchestrator;
		this.router = router;
		this.repairs = repairs;
	}

	/**
	 * Removes every leftover and records each removal.
	 * @param problems where a component's refusal or absence is told
	 * @return how many things were removed
	 */
	int sweep(List<String> problems) {
		int removed = 0;
		try {
			List<Long> served = orchestrator.siteIds();
			List<Long> routed = router.routedIds();
			Set<Long> known = new HashSet<>(sites.ids());
			for (long id : served) {
				if (!known.contains(id)) {
					List<String> changes = orchestrator.retire(id);
					repairs.recordLeftover(id, Repair.Component.APP_SERVER, changes);
					removed += changes.size();
				}
			}
			for (long id : routed) {
				if (!known.contains(id)) {
					List<String> changes = router.unpublish(id);
					repairs.recordLeftover(id, Repair.Component.ROUTER, changes);
					removed += changes.size();
				}
			}
		}
		catch (ComponentCallException ex) {
			problems.add(ex.unreachable() ? "What is left of deleted sites was not looked for: a component could not be"
					+ " reached." : "What is left of deleted sites was not removed: " + ex.getMessage());
		}
		return removed;
	}

}
