package edu.tjhsst.director.manager.reconcile;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** One round of the {@link Reconciler}; one at a time across every manager. */
@DisallowConcurrentExecution
class ReconcileJob implements Job {

	static final String NAME = "reconcile";

	private final Reconciler reconciler;

	ReconcileJob(Reconciler reconciler) {
		this.reconciler = reconciler;
	}

	@Override
	public void execute(JobExecutionContext context) {
		reconciler.run();
	}

}
