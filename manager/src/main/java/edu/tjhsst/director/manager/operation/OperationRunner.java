package edu.tjhsst.director.manager.operation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Runs an operation's actions in order, recording each one, and stops at the first failure. */
@Component
class OperationRunner {

	private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);

	private final OperationRepository repository;

	private final Operations operations;

	private final ApplicationEventPublisher events;

	OperationRunner(OperationRepository repository, Operations operations, ApplicationEventPublisher events) {
		this.repository = repository;
		this.operations = operations;
		this.events = events;
	}

	void run(long operationId) {
		Operation operation = repository.findById(operationId).orElse(null);
		if (operation == null || operation.status() == Status.SUCCEEDED) {
			return;
		}
		long siteId = operation.siteId();
		repository.markOperation(operationId, Status.RUNNING);
		events.publishEvent(new OperationProgress(siteId));
		for (Action action : operation.actions()) {
			if (action.status() == Status.SUCCEEDED) {
				continue;
			}
			repository.startAction(action.id());
			events.publishEvent(new OperationProgress(siteId));
			try {
				String message = operations.step(action.slug()).run(siteId);
				repository.finishAction(action.id(), Status.SUCCEEDED, message);
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
				repository.finishAction(action.id(), Status.FAILED, message);
				repository.markOperation(operationId, Status.FAILED);
				events.publishEvent(new OperationProgress(siteId));
				return;
			}
		}
		repository.markOperation(operationId, Status.SUCCEEDED);
		events.publishEvent(new OperationProgress(siteId));
	}

}
