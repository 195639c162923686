package edu.tjhsst.director.manager.reconcile;

import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.RouterClient;
import edu.tjhsst.director.manager.system.RecurringJobs;

/**
 * Starts a reconciler round as soon as the app server or the router has started again (after a crash, an update, a
 * machine's restart), read from when their health checks say their processes started: a component that lost what it
 * had (a router on a new machine, an app server whose folder was restored) gets every site again within seconds, not
 * at the next round. The first reading after this manager starts counts as a start too, so a manager that starts
 * also states every site at once. A component that does not answer is read again next time.
 */
@Component
public class ComponentStarts {

	private static final Logger log = LoggerFactory.getLogger(ComponentStarts.class);

	private final OrchestratorClient orchestrator;

	private final RouterClient router;

	private final RecurringJobs jobs;

	private Instant orchestratorStarted;

	private Instant routerStarted;

	ComponentStarts(OrchestratorClient orchestrator, RouterClient router, RecurringJobs jobs) {
		this.orchestrator = orchestrator;
		this.router = router;
		this.jobs = jobs;
	}

	/** Reads both health checks and starts a round when either component started since the last reading. */
	public synchronized void check() {
		Instant orchestratorNow = read(orchestrator::started);
		Instant routerNow = read(router::started);
		boolean orchestratorAgain = startedAgain(orchestratorStarted, orchestratorNow);
		boolean routerAgain = startedAgain(routerStarted, routerNow);
		orchestratorStarted = orchestratorNow != null ? orchestratorNow : orchestratorStarted;
		routerStarted = routerNow != null ? routerNow : routerStarted;
		if (orchestratorAgain || routerAgain) {
			log.info("{} started at {}; stating every site to it now", orchestratorAgain ? "the app server" : "the router",
					orchestratorAgain ? orchestratorNow : routerNow);
			jobs.soon(ReconcileJob.NAME);
		}
	}

	/** Whether a reading says the component started since the one before (or is the first reading). */
	static boolean startedAgain(Instant before, Instant now) {
		return now != null && !now.equals(before);
	}

	private static Instant read(Supplier<Instant> started) {
		try {
			return started.get();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
