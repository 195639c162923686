package edu.tjhsst.director.manager.system;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * Scheduling a recurring job at start survives the trigger being stored by Quartz itself between the check and the
 * store (the misfire handling of a scheduler that just started), which stopped a manager that had already answered
 * its health check; a store that keeps failing still fails the start.
 */
class RecurringJobsTests {

	private static final TriggerKey KEY = TriggerKey.triggerKey("component-starts", "recurring");

	@Test
	void aTriggerStoredMeanwhileIsReplacedOnTheNextAttempt() throws Exception {
		Scheduler scheduler = mock(Scheduler.class);
		when(scheduler.checkExists(KEY)).thenReturn(false, true);
		when(scheduler.scheduleJob(any(Trigger.class))).thenThrow(new ObjectAlreadyExistsException("duplicate key"));

		new RecurringJobs(scheduler).every("component-starts", Nothing.class, Duration.ofSeconds(5));

		verify(scheduler).rescheduleJob(eq(KEY), any(Trigger.class));
	}

	@Test
	void aStoreThatKeepsFailingFailsTheStart() throws Exception {
		Scheduler scheduler = mock(Scheduler.class);
		when(scheduler.checkExists(KEY)).thenReturn(false);
		when(scheduler.scheduleJob(any(Trigger.class))).thenThrow(new ObjectAlreadyExistsException("duplicate key"));

		assertThatThrownBy(() -> new RecurringJobs(scheduler).every("component-starts", Nothing.class,
				Duration.ofSeconds(5))).hasMessageContaining("cannot schedule the recurring job component-starts");
		verify(scheduler, times(RecurringJobs.ATTEMPTS)).scheduleJob(any(Trigger.class));
	}

	/** A job that does nothing. */
	public static class Nothing implements Job {

		@Override
		public void execute(JobExecutionContext context) {
		}

	}

}
