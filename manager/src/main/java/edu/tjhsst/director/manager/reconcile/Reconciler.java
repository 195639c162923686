package edu.tjhsst.director.manager.reconcile;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.site.SiteSpecs;

/**
 * Puts every site back the way the manager says it should be: it states each site's spec to the app server and its
 * route to the router, the same declarative calls its operations make, and records whatever they say they had to put
 * right (a service, a web server file or a route removed by hand, a folder gone). A site with an open operation is
 * left to it: its operation is changing it, or failed and waits for a person. Sites are stated in batches, each
 * while its rows are held, so that an operation cannot start on one in between and have its change undone by an older
 * spec (it waits for the batch, a few seconds at most).
 */
@Service
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	/**
	 * Batches stated at once, each holding a database connection and its sites' rows while its calls run. The app
	 * server tests and reloads whatever has arrived when its last reload ends, so the more sites wait at once, the
	 * fewer reloads a round takes (bench/scale.py: 10,000 new sites, 180 s with 2 in three steps, 137 s with 4 in one).
	 */
	private static final int PARALLEL = 4;

	/**
	 * Batches stated at once while the round finds nothing to put right: one. A round that changes nothing is most
	 * rounds, and four batches at once keep both cores busy in the manager, the orchestrator and the router for
	 * seconds (at 10,000 sites, 3 s of every 20), which the portal's users felt as their slowest pages (bench/scale.py:
	 * "All sites" p99 62-112 ms, 34-37 ms with no round running). One at a time leaves them a core.
	 */
	private static final int PARALLEL_WHILE_NOTHING_CHANGES = 1;

	/** A batch widens the round when its repairs (a site may need several) number at least a quarter of its sites. */
	private static final int WIDEN_AT_ONE_IN = 4;

	private final SiteRepository sites;

	private final SiteSpecs specs;

	private final OrchestratorClient orchestrator;

	private final RouterClient router;

	private final RepairRepository repairs;

	private final Leftovers leftovers;

	private final TransactionTemplate transactions;

	private final LastRound last;

	Reconciler(SiteRepository sites, SiteSpecs specs, OrchestratorClient orchestrator,
			RouterClient router, RepairRepository repairs, Leftovers leftovers, TransactionTemplate transactions,
			LastRound last) {
		this.sites = sites;
		this.specs = specs;
		this.orchestrator = orchestrator;
		this.router = router;
		this.repairs = repairs;
		this.leftovers = leftovers;
		this.transactions = transactions;
		this.last = last;
	}

	/**
	 * One round over every site, then over what is left of deleted ones; a component that cannot be reached ends it,
	 * since every site needs both.
	 */
	public ReconcileRound run() {
		OffsetDateTime started = OffsetDateTime.now();
		long startNanos = System.nanoTime();
		List<Long> ids = sites.ids();
		List<List<Long>> batches = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += SiteOutcome.MOST_PER_BATCH) {
			batches.add(ids.subList(from, Math.min(ids.size(), from + SiteOutcome.MOST_PER_BATCH)));
		}
		AtomicBoolean stop = new AtomicBoolean();
		// Batches of sites, a few at once: a component converges a batch in one call and tests and reloads it once,
		// so a round that has every site to apply (onto a fresh app server, after a template changed) shares reloads
		// rather than taking one each (0.77 s a site, one at a time, at 1,000 sites; bench/scale.py).
		// They start one at a time and widen to PARALLEL as soon as one has much to put right (a fresh app server, a
		// restore), not for one site's drift.
		ExecutorService workers = Executors.newFixedThreadPool(PARALLEL, runnable -> new Thread(runnable, "reconcile"));
		Semaphore turns = new Semaphore(PARALLEL_WHILE_NOTHING_CHANGES);
		AtomicBoolean widened = new AtomicBoolean();
		BatchOutcome total = BatchOutcome.NONE;
		try {
			List<Future<BatchOutcome>> running = new ArrayList<>();
			for (List<Long> batch : batches) {
				turns.acquire();
				if (stop.get()) {
					turns.release();
					break;
				}
				running.add(workers.submit(() -> {
					try {
						BatchOutcome outcome = stop.get() ? BatchOutcome.NONE : stated(batch, stop);
						if (outcome.repaired() * WIDEN_AT_ONE_IN >= batch.size() && outcome.repaired() > 0
								&& widened.compareAndSet(false, true)) {
							turns.release(PARALLEL - PARALLEL_WHILE_NOTHING_CHANGES);
						}
						return outcome;
					}
					finally {
						turns.release();
					}
				}));
			}
			for (Future<BatchOutcome> batch : running) {
				total = total.plus(batch.get());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop.set(true);
			total = total.plus(BatchOutcome.problem("The round was interrupted; the next one tries again."));
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a reconcile worker failed", ex.getCause());
		}
		finally {
			workers.shutdownNow();
		}
		List<String> problems = new ArrayList<>(total.problems());
		int repaired = total.repaired();
		if (!stop.get()) {
			repaired += leftovers.sweep(problems);
		}
		repairs.forgetOlderThanKept();
		ReconcileRound round = new ReconcileRound(started, Duration.ofNanos(System.nanoTime() - startNanos),
				total.checked(), total.busy(), repaired, problems);
		last.store(round);
		if (repaired > 0 || !problems.isEmpty()) {
			log.info("reconciled {} sites in {} ms: {} repairs, {} busy, problems: {}", round.checked(),
					round.took().toMillis(), repaired, round.busy(), problems);
		}
		return round;
	}

	/** States a batch of sites in a transaction of its own; sets the stop flag when a component is out of reach. */
	private BatchOutcome stated(List<Long> ids, AtomicBoolean stop) {
		try {
			BatchOutcome outcome = transactions.execute(status -> batch(ids));
			if (outcome.unreachable()) {
				// Told once, by the first batch that found it out.
				return stop.getAndSet(true) ? BatchOutcome.NONE : outcome;
			}
			return outcome;
		}
		catch (RuntimeException ex) {
			// The database failed, or a component's answer made no sense.
			log.warn("cannot reconcile sites {} to {}", ids.get(0), ids.get(ids.size() - 1), ex);
			return BatchOutcome.problem("Sites " + ids.get(0) + " to " + ids.get(ids.size() - 1) + ": "
					+ ex.getMessage());
		}
	}

	/**
	 * States a batch of sites, in the caller's transaction, holding the rows of the idle ones, which go to the app
	 * server together, and those it applied to the router together.
	 */
	private BatchOutcome batch(List<Long> ids) {
		// Busy: deleted since the round listed them, with an open operation, or held by a change right now. Only the
		// idle sites' rows are held, so nothing waits for this batch's calls but an operation on one of them.
		List<Site> idle = sites.lockIdleByIds(ids);
		int busy = ids.size() - idle.size();
		List<String> problems = new ArrayList<>();
		Map<Long, Site> stating = new LinkedHashMap<>();
		List<SiteSpec> batch = new ArrayList<>();
		for (Site site : idle) {
			try {
				batch.add(specs.spec(site));
				stating.put(site.id(), site);
			}
			catch (RuntimeException ex) {
				// Its settings cannot be turned into a spec (its runtime is gone, say).
				log.warn("cannot reconcile site {}", site.id(), ex);
				problems.add("Site " + site.name() + ": " + ex.getMessage());
			}
		}
		if (batch.isEmpty()) {
			return new BatchOutcome(0, busy, 0, problems, false);
		}
		int repaired = 0;
		List<SiteOutcome> appServer;
		try {
			appServer = orchestrator.applyAll(batch);
		}
		catch (ComponentCallException ex) {
			problems.add(trouble("The app server", batch.size(), ex));
			return new BatchOutcome(0, busy, 0, problems, ex.unreachable());
		}
		List<Route> routes = new ArrayList<>();
		for (SiteOutcome outcome : appServer) {
			Site site = stating.get(outcome.siteId());
			repaired += recorded(site, Repair.Component.APP_SERVER, outcome, "The app server", problems);
			if (outcome.isApplied()) {
				routes.add(specs.route(site));
			}
		}
		if (routes.isEmpty()) {
			return new BatchOutcome(0, busy, repaired, problems, false);
		}
		try {
			for (SiteOutcome outcome : router.publishAll(routes)) {
				repaired += recorded(stating.get(outcome.siteId()), Repair.Component.ROUTER, outcome, "The router",
						problems);
			}
		}
		catch (ComponentCallException ex) {
			problems.add(trouble("The router", routes.size(), ex));
			return new BatchOutcome(routes.size(), busy, repaired, problems, ex.unreachable());
		}
		return new BatchOutcome(routes.size(), busy, repaired, problems, false);
	}

	/** Records what a component put right for the site, or its refusal among the problems; how many repairs. */
	private int recorded(Site site, Repair.Component component, SiteOutcome outcome, String name,
			List<String> problems) {
		if (!outcome.isApplied()) {
			problems.add(name + " refused the settings of site " + site.name() + ": " + outcome.problem());
			return 0;
		}
		repairs.record(site, component, outcome.changes());
		return outcome.changes().size();
	}

	private static String trouble(String component, int sites, ComponentCallException ex) {
		return ex.unreachable() ? component + " could not be reached; the round stopped and the next one tries again."
				: component + " refused a batch of " + sites + " sites: " + ex.getMessage();
	}

	/** The last round any manager of the platform ran, if any. */
	public Optional<ReconcileRound> lastRound() {
		return last.read();
	}

	/** What became of a batch of sites, and of a round, added up. */
	private record BatchOutcome(int checked, int busy, int repaired, List<String> problems, boolean unreachable) {

		static final BatchOutcome NONE = new BatchOutcome(0, 0, 0, List.of(), false);

		static BatchOutcome problem(String problem) {
			return new BatchOutcome(0, 0, 0, List.of(problem), false);
		}

		BatchOutcome plus(BatchOutcome other) {
			List<String> all = new ArrayList<>(problems);
			all.addAll(other.problems());
			return new BatchOutcome(checked + other.checked(), busy + other.busy(), repaired + other.repaired(), all,
					unreachable || other.unreachable());
		}

	}

}
