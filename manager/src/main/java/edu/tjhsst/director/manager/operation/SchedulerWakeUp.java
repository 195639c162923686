package edu.tjhsst.director.manager.operation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes Quartz's scheduler thread once the transaction that scheduled a job has committed.
 * <p>
 * An operation's job is scheduled inside the transaction that records the operation, so that both are stored or
 * neither. Quartz signals its scheduler thread as the job is scheduled, before the commit; the thread finds nothing it
 * can see yet and sleeps its idle wait (a second), which was half the time from Create to a served site. Resuming the
 * trigger (it is never paused: nothing changes) signals the thread again after the commit. That runs on a thread of
 * its own: code run in an after-commit callback still joins the finished transaction's connection.
 */
@Component
class SchedulerWakeUp implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SchedulerWakeUp.class);

	private final Scheduler scheduler;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "quartz-wake-up");
		thread.setDaemon(true);
		return thread;
	});

	SchedulerWakeUp(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	/** After the current transaction commits (or at once, outside one), the scheduler looks for this trigger. */
	void afterCommit(TriggerKey trigger) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			wakeSoon(trigger);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				wakeSoon(trigger);
			}
		});
	}

	/** Never fails its caller, whose data is stored: without the wake-up, the job still runs within a second. */
	private void wakeSoon(TriggerKey trigger) {
		try {
			executor.execute(() -> wake(trigger));
		}
		catch (RejectedExecutionException ex) {
			log.debug("not waking the scheduler for {}: shutting down", trigger);
		}
	}

	private void wake(TriggerKey trigger) {
		try {
			scheduler.resumeTrigger(trigger);
		}
		catch (SchedulerException | RuntimeException ex) {
			// The job still runs: the scheduler thread finds it at its next look, within a second.
			log.debug("could not wake the scheduler for {}: {}", trigger, ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}

}
