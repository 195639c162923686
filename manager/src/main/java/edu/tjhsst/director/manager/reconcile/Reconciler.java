package edu.tjhsst.director.manager.reconcile;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.operation.Operations;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteRepository;
import edu.tjhsst.director.manager.site.SiteSpecs;

/**
 * Puts every site back the way the manager says it should be: it states each site's spec to the app server and its
 * route to the router, the same declarative calls its operations make, and records whatever they say they had to put
 * right (a service, a web server file or a route removed by hand, a folder gone). A site with an open operation is
 * left to it: its operation is changing it, or failed and waits for a person. Each site is stated while its row is
 * held, so that an operation cannot start on it in between and have its change undone by an older spec.
 */
@Service
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	/** Sites stated at once; each holds a database connection while its calls run (the pool has room for them). */
	private static final int PARALLEL = 8;

	private final SiteRepository sites;

	private final SiteSpecs specs;

	private final Operations operations;

	private final OrchestratorClient orchestrator;

	private final RouterClient router;

	private final RepairRepository repairs;

	private final Leftovers leftovers;

	private final TransactionTemplate transactions;

	private final LastRound last;

	Reconciler(SiteRepository sites, SiteSpecs specs, Operations operations, OrchestratorClient orchestrator,
			RouterClient router, RepairRepository repairs, Leftovers leftovers, TransactionTemplate transactions,
			LastRound last) {
		this.sites = sites;
		this.specs = specs;
		this.operations = operations;
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
		Tally tally = new Tally();
		List<Long> ids = sites.ids();
		AtomicInteger next = new AtomicInteger();
		// Several sites at once: a component tests and reloads the changes that arrive together once, so a round that
		// has every site to apply (onto a fresh app server, after a template changed) shares reloads instead of
		// taking one each (0.77 s a site, one at a time, at 1,000 sites; bench/scale.py).
		ExecutorService workers = Executors.newFixedThreadPool(PARALLEL, runnable -> new Thread(runnable, "reconcile"));
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < PARALLEL; i++) {
				running.add(workers.submit(() -> {
					int index;
					while (!tally.stopped() && (index = next.getAndIncrement()) < ids.size()) {
						tally.add(state(ids.get(index)));
					}
				}));
			}
			for (Future<?> worker : running) {
				worker.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			tally.add(Outcome.problem("The round was interrupted; the next one tries again.", true));
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a reconcile worker failed", ex.getCause());
		}
		finally {
			workers.shutdownNow();
		}
		List<String> problems = tally.problems();
		int repaired = tally.repaired();
		if (!tally.stopped()) {
			repaired += leftovers.sweep(problems);
		}
		repairs.forgetOlderThanKept();
		ReconcileRound round = new ReconcileRound(started, Duration.ofNanos(System.nanoTime() - startNanos),
				tally.checked(), tally.busy(), repaired, problems);
		last.store(round);
		if (repaired > 0 || !problems.isEmpty()) {
			log.info("reconciled {} sites in {} ms: {} repairs, {} busy, problems: {}", round.checked(),
					round.took().toMillis(), repaired, round.busy(), problems);
		}
		return round;
	}

	/** The last round any manager of the platform ran, if any. */
	public Optional<ReconcileRound> lastRound() {
		return last.read();
	}

	/** States one site in a transaction of its own; never throws. */
	private Outcome state(long id) {
		try {
			return transactions.execute(status -> site(id));
		}
		catch (RuntimeException ex) {
			// The site's settings cannot be turned into a spec (its runtime is gone), or the database failed.
			log.warn("cannot reconcile site {}", id, ex);
			return Outcome.problem("Site " + id + ": " + ex.getMessage(), false);
		}
	}

	/** States one site, in the caller's transaction, holding its row; never throws for a component's answer. */
	private Outcome site(long id) {
		Optional<Site> found = sites.lockById(id);
		if (found.isEmpty()) {
			// Deleted since the round listed it.
			return Outcome.BUSY;
		}
		if (operations.isLocked(id)) {
			return Outcome.BUSY;
		}
		Site site = found.get();
		int made = 0;
		try {
			List<String> appServer = orchestrator.apply(specs.spec(site));
			repairs.record(site, Repair.Component.APP_SERVER, appServer);
			made += appServer.size();
		}
		catch (ComponentCallException ex) {
			return Outcome.problem(trouble("The app server", site, ex), ex.unreachable());
		}
		try {
			List<String> route = router.publish(specs.route(site));
			repairs.record(site, Repair.Component.ROUTER, route);
			made += route.size();
		}
		catch (ComponentCallException ex) {
			return new Outcome(true, false, made, trouble("The router", site, ex), ex.unreachable());
		}
		return new Outcome(true, false, made, null, false);
	}

	private static String trouble(String component, Site site, ComponentCallException ex) {
		return ex.unreachable() ? component + " could not be reached; the round stopped and the next one tries again."
				: component + " refused the settings of site " + site.name() + ": " + ex.getMessage();
	}

	/** What the round's workers found, added up; a component out of reach stops them all, and is told once. */
	private static final class Tally {

		private int checked;

		private int busy;

		private int repaired;

		private boolean stopped;

		private final List<String> problems = new ArrayList<>();

		synchronized void add(Outcome outcome) {
			if (stopped && outcome.unreachable()) {
				return;
			}
			busy += outcome.busy() ? 1 : 0;
			checked += outcome.checked() ? 1 : 0;
			repaired += outcome.repaired();
			if (outcome.problem() != null) {
				problems.add(outcome.problem());
				stopped |= outcome.unreachable();
			}
		}

		synchronized boolean stopped() {
			return stopped;
		}

		synchronized int checked() {
			return checked;
		}

		synchronized int busy() {
			return busy;
		}

		synchronized int repaired() {
			return repaired;
		}

		synchronized List<String> problems() {
			return new ArrayList<>(problems);
		}

	}

	/** What became of one site in a round. */
	private record Outcome(boolean checked, boolean busy, int repaired, String problem, boolean unreachable) {

		static final Outcome BUSY = new Outcome(false, true, 0, null, false);

		static Outcome problem(String problem, boolean unreachable) {
			return new Outcome(false, false, 0, problem, unreachable);
		}

	}

}
