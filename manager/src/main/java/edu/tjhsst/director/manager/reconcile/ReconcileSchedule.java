package edu.tjhsst.director.manager.reconcile;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.RecurringJobs;

/**
 * Runs the reconciler every {@code DIRECTOR_RECONCILE_INTERVAL}, and looks every {@code DIRECTOR_RECONCILE_START_CHECK}
 * whether the app server or the router started again (see {@link ComponentStarts}).
 */
@Component
class ReconcileSchedule implements SmartInitializingSingleton {

	private final RecurringJobs jobs;

	private final ReconcileProperties properties;

	ReconcileSchedule(RecurringJobs jobs, ReconcileProperties properties) {
		this.jobs = jobs;
		this.properties = properties;
	}

	/**
	 * Before the web server listens and before Quartz starts: a start that cannot schedule fails before
	 * {@code ./director up} is told the portal is up, and no misfire handling of a starting scheduler can store a
	 * trigger meanwhile.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		jobs.every(ReconcileJob.NAME, ReconcileJob.class, properties.interval());
		jobs.every(ComponentStartsJob.NAME, ComponentStartsJob.class, properties.startCheck());
	}

}
