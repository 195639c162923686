package edu.tjhsst.director.manager.operation;

import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Quartz is woken for an operation's trigger after its transaction commits: never before, never after a rollback. */
class SchedulerWakeUpTests {

	private static final TriggerKey TRIGGER = TriggerKey.triggerKey("operation-7-1", "operations");

	private final Scheduler scheduler = mock(Scheduler.class);

	private final SchedulerWakeUp wakeUp = new SchedulerWakeUp(scheduler);

	@BeforeEach
	void openTransaction() {
		TransactionSynchronizationManager.initSynchronization();
	}

	@AfterEach
	void closeTransaction() {
		TransactionSynchronizationManager.clearSynchronization();
		wakeUp.destroy();
	}

	@Test
	void theSchedulerIsWokenOnlyOnceTheTransactionHasCommitted() throws Exception {
		wakeUp.afterCommit(TRIGGER);
		verify(scheduler, after(300).never()).resumeTrigger(TRIGGER);

		TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

		verify(scheduler, timeout(5000)).resumeTrigger(TRIGGER);
	}

	@Test
	void aRolledBackTransactionWakesNothing() throws Exception {
		wakeUp.afterCommit(TRIGGER);

		TransactionSynchronizationManager.getSynchronizations()
			.forEach(sync -> sync.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

		verify(scheduler, after(300).never()).resumeTrigger(TRIGGER);
	}

	@Test
	void aWakeUpAfterShutDownDoesNotFailTheCommittedRequest() throws Exception {
		wakeUp.destroy();
		wakeUp.afterCommit(TRIGGER);

		TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

		verify(scheduler, never()).resumeTrigger(TRIGGER);
	}

}
