package edu.tjhsst.director.manager.operation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import edu.tjhsst.director.manager.system.NotFoundException;

/** Starts, retries and reports operations; the only way a site is changed. */
@Service
public class Operations {

	static final String OPERATION_ID = "operationId";

	private final OperationRepository repository;

	private final Scheduler scheduler;

	private final Map<String, ActionStep> steps;

	private final ApplicationEventPublisher events;

	private final SchedulerWakeUp wakeUp;

	Operations(OperationRepository repository, Scheduler scheduler, List<ActionStep> steps,
			ApplicationEventPublisher events, SchedulerWakeUp wakeUp) {
		this.repository = repository;
		this.scheduler = scheduler;
		this.wakeUp = wakeUp;
		this.steps = steps.stream().collect(Collectors.toMap(ActionStep::slug, Function.identity()));
		this.events = events;
		for (OperationKind kind : OperationKind.values()) {
			kind.steps().forEach(this::step);
		}
	}

	/**
	 * Records an operation with the actions that apply to the site as it is stored now, and schedules its job, in
	 * the caller's transaction: either all of it is stored or none.
	 * @throws SiteLockedException when the site has an open operation
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long start(long siteId, OperationKind kind, Long userId) {
		if (repository.hasOpenOperation(siteId)) {
			throw new SiteLockedException();
		}
		long id;
		try {
			id = repository.create(siteId, kind, userId,
					kind.steps().stream()
						.map(this::step)
						.filter(step -> step.appliesTo(siteId))
						.map(step -> new OperationRepository.Step(step.slug(), step.title()))
						.toList());
		}
		catch (DuplicateKeyException ex) {
			// Another request opened an operation between our check and the insert.
			throw new SiteLockedException();
		}
		schedule(id);
		events.publishEvent(new OperationProgress(siteId));
		return id;
	}

	/** Runs a failed operation again from its first unfinished action. */
	@Transactional
	public void retry(long siteId, long operationId) {
		Operation operation = repository.findById(operationId).filter(op -> op.siteId() == siteId)
			.orElseThrow(() -> new NotFoundException("no such operation"));
		if (operation.status() != Status.FAILED) {
			throw new IllegalStateException("Only a failed operation can be retried.");
		}
		repository.resetForRetry(operationId);
		schedule(operationId);
		events.publishEvent(new OperationProgress(siteId));
	}

	public Optional<Operation> find(long operationId) {
		return repository.findById(operationId);
	}

	public Optional<Operation> latest(long siteId) {
		return repository.findLatestForSite(siteId);
	}

	/**
	 * One page of the site's operations, newest first.
	 * @param status only those with this status, or null for all
	 */
	public List<Operation> forSite(long siteId, Status status, int offset, int limit) {
		return repository.findForSite(siteId, status, offset, limit);
	}

	public List<Operation> failed() {
		return repository.findFailed();
	}

	public boolean isLocked(long siteId) {
		return repository.hasOpenOperation(siteId);
	}

	ActionStep step(String slug) {
		ActionStep step = steps.get(slug);
		if (step == null) {
			throw new IllegalStateException("no step named " + slug);
		}
		return step;
	}

	private void schedule(long operationId) {
		String name = "operation-" + operationId + "-" + System.nanoTime();
		JobDetail job = JobBuilder.newJob(OperationJob.class)
			.withIdentity(name, "operations")
			.usingJobData(OPERATION_ID, operationId)
			// If the manager dies while the job runs, Quartz runs it again on recovery; steps are idempotent.
			.requestRecovery(true)
			.build();
		Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, "operations").startNow().build();
		try {
			scheduler.scheduleJob(job, trigger);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot schedule operation " + operationId, ex);
		}
		wakeUp.afterCommit(trigger.getKey());
	}

}
