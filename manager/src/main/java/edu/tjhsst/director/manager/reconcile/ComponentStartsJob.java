package edu.tjhsst.director.manager.reconcile;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** One reading of the components' starts ({@link ComponentStarts}). */
@DisallowConcurrentExecution
class ComponentStartsJob implements Job {

	static final String NAME = "component-starts";

	private final ComponentStarts starts;

	ComponentStartsJob(ComponentStarts starts) {
		this.starts = starts;
	}

	@Override
	public void execute(JobExecutionContext context) {
		starts.check();
	}

}
