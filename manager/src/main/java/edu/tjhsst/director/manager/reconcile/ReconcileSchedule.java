package edu.tjhsst.director.manager.reconcile;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.RecurringJobs;

/**
 * Runs the reconciler every {@code DIRECTOR_RECONCILE_INTERVAL}, and looks every {@code DIRECTOR_RECONCILE_START_CHECK}
 * whether the app server or the router started again (see {@link ComponentStarts}).
 */
@Component
class ReconcileSchedule {

	private final RecurringJobs jobs;

	private final ReconcileProperties properties;

	ReconcileSchedule(RecurringJobs jobs, ReconcileProperties properties) {
		this.jobs = jobs;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void register() {
		jobs.every(ReconcileJob.NAME, ReconcileJob.class, properties.interval());
		jobs.every(ComponentStartsJob.NAME, ComponentStartsJob.class, properties.startCheck());
	}

}
