package edu.tjhsst.director.manager.system;

import java.time.Duration;

import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Quartz jobs that run every so often (renewing certificates, checking domains again), kept in the clustered job
 * store: one run at a time across every manager, and a run missed while all were down happens once on the next start.
 */
@Component
public class RecurringJobs {

	private static final Logger log = LoggerFactory.getLogger(RecurringJobs.class);

	private static final String GROUP = "recurring";

	/** How many times scheduling a recurring job is tried before the start fails. */
	static final int ATTEMPTS = 3;

	private final Scheduler scheduler;

	RecurringJobs(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	/**
	 * Runs the job every {@code interval}, the first time one interval from now; called on every start, so that a
	 * changed interval takes effect.
	 */
	public void every(String name, Class<? extends Job> type, Duration interval) {
		JobKey job = JobKey.jobKey(name, GROUP);
		TriggerKey key = TriggerKey.triggerKey(name, GROUP);
		Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(job)
			.startAt(java.util.Date.from(java.time.Instant.now().plus(interval)))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().repeatForever()
				.withIntervalInMilliseconds(interval.toMillis()).withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
		for (int attempt = 1;; attempt++) {
			try {
				scheduler.addJob(JobBuilder.newJob(type).withIdentity(job).storeDurably().build(), true);
				if (scheduler.checkExists(key)) {
					scheduler.rescheduleJob(key, trigger);
				}
				else {
					scheduler.scheduleJob(trigger);
				}
				return;
			}
			catch (SchedulerException ex) {
				// As the scheduler starts, its misfire handling may store the trigger between the check and the store
				// (seen in CI: "duplicate key" on qrtz_triggers, and the manager stopped just after it had answered
				// its health check): the next attempt finds the trigger and replaces it.
				if (attempt == ATTEMPTS) {
					throw new IllegalStateException("cannot schedule the recurring job " + name, ex);
				}
				log.info("scheduling the recurring job {} again (attempt {}): {}", name, attempt, ex.getMessage());
			}
		}
	}

	/** Stops running the job (a feature switched off). */
	public void never(String name) {
		try {
			scheduler.unscheduleJob(TriggerKey.triggerKey(name, GROUP));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot unschedule the recurring job " + name, ex);
		}
	}

	/**
	 * Runs the job once more as soon as a Quartz thread is free; inside a transaction, once it commits (the job store
	 * shares the manager's database). A job not registered yet is simply not run: its first round will come.
	 */
	public void soon(String name) {
		try {
			JobKey job = JobKey.jobKey(name, GROUP);
			if (scheduler.checkExists(job)) {
				scheduler.triggerJob(job);
			}
		}
		catch (SchedulerException ex) {
			log.warn("could not run the job {} now; its next round will: {}", name, ex.getMessage());
		}
	}

}
