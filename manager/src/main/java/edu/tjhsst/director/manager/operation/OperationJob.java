package edu.tjhsst.director.manager.operation;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job that runs one operation. */
@DisallowConcurrentExecution
class OperationJob implements Job {

	private final OperationRunner runner;

	OperationJob(OperationRunner runner) {
		this.runner = runner;
	}

	@Override
	public void execute(JobExecutionContext context) {
		runner.run(context.getMergedJobDataMap().getLong(Operations.OPERATION_ID));
	}

}
