package edu.tjhsst.director.manager.operation;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs an operation's actions in order, recording each one, and stops at the first failure. An action that could
 * not reach a component is tried again, after 1 s and then twice as long each time (at most 15 s), for up to
 * {@code director.operations.retry-unreachable} (2 minutes): a component restarting after a crash is back well within
 * that, and the operation finishes without anyone pressing Retry.
 */
@Component
class OperationRunner {

	private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

	private static final Duration LONGEST_WAIT = Duration.ofSeconds(15);

	private final OperationRepository repository;

	private final Operations operations;

	private final ApplicationEventPublisher events;

	private final Duration retryUnreachable;

	private final OperationMetrics metrics;

	OperationRunner(OperationRepository repository, Operations operations, ApplicationEventPublisher events,
			@Value("${director.operations.retry-unreachable:2m}") Duration retryUnreachable, OperationMetrics metrics) {
		this.retryUnreachable = retryUnreachable;
		this.repository = repository;
		this.operations = operations;
		this.events = events;
		this.metrics = metrics;
	}

	void run(long operationId) {
		Operation operation = repository.findById(operationId).orElse(null);
		if (operation == null || operation.status() == Status.SUCCEEDED) {
			return;
		}
		long siteId = operation.siteId();
		long run = System.nanoTime();
		repository.markOperation(operationId, Status.RUNNING);
		events.publishEvent(new OperationProgress(siteId));
		for (Action action : operation.actions()) {
			if (action.status() == Status.SUCCEEDED) {
				continue;
			}
			repository.startAction(action.id());
			events.publishEvent(new OperationProgress(siteId));
			long started = System.nanoTime();
			try {
				String message = runRetryingUnreachable(operationId, action, siteId);
				repository.finishAction(action.id(), Status.SUCCEEDED, message);
				metrics.stepFinished(action, Status.SUCCEEDED, since(started));
				events.publishEvent(new OperationProgress(siteId));
			}
			catch (RuntimeException ex) {
				String message = ex instanceof StepFailedException ? ex.getMessage()
						: "Something went wrong on our side; an administrator can see the details in the log.";
				if (!(ex instanceof StepFailedException)) {
					log.error("operation {} action {} failed", operationId, action.slug(), ex);
				}
				else {
					log.warn("operation {} action {} failed: {}", operationId, action.slug(), message);
				}
				metrics.stepFinished(action, Status.FAILED, since(started));
				metrics.runFinished(operation, Status.FAILED, since(run));
				repository.finishAction(action.id(), Status.FAILED, message);
				repository.markOperation(operationId, Status.FAILED);
				events.publishEvent(new OperationProgress(siteId));
				return;
			}
		}
		// Recorded before the result is stored: whoever sees the operation finished sees it counted.
		metrics.runFinished(operation, Status.SUCCEEDED, since(run));
		repository.markOperation(operationId, Status.SUCCEEDED);
		events.publishEvent(new OperationProgress(siteId));
	}

	private static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

	private String runRetryingUnreachable(long operationId, Action action, long siteId) {
		Instant giveUp = Instant.now().plus(retryUnreachable);
		Duration wait = Duration.ofSeconds(1);
		while (true) {
			try {
				return operations.step(action.slug()).run(siteId);
			}
			catch (ComponentUnreachableException ex) {
				if (Instant.now().plus(wait).isAfter(giveUp)) {
					throw ex;
				}
				log.info("operation {} action {}: {} Trying again in {} s.", operationId, action.slug(), ex.getMessage(),
						wait.toSeconds());
				try {
					Thread.sleep(wait.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
				wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
			}
		}
	}

}
