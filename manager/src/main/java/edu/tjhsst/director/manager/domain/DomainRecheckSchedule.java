package edu.tjhsst.director.manager.domain;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.RecurringJobs;

/** Runs the domains' DNS recheck every {@code DIRECTOR_DOMAINS_RECHECK_INTERVAL}. */
@Component
class DomainRecheckSchedule {

	private final RecurringJobs jobs;

	private final DomainProperties properties;

	DomainRecheckSchedule(RecurringJobs jobs, DomainProperties properties) {
		this.jobs = jobs;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void register() {
		jobs.every(DomainRecheckJob.NAME, DomainRecheckJob.class, properties.recheckInterval());
	}

}
