package edu.tjhsst.director.manager.domain;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.RecurringJobs;

/** Runs the domains' DNS recheck every {@code DIRECTOR_DOMAINS_RECHECK_INTERVAL}. */
@Component
class DomainRecheckSchedule implements SmartInitializingSingleton {

	private final RecurringJobs jobs;

	private final DomainProperties properties;

	DomainRecheckSchedule(RecurringJobs jobs, DomainProperties properties) {
		this.jobs = jobs;
		this.properties = properties;
	}

	/**
	 * Before the web server listens and before Quartz starts: a start that cannot schedule fails before
	 * {@code ./director up} is told the portal is up, and no misfire handling of a starting scheduler can store a
	 * trigger meanwhile.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		jobs.every(DomainRecheckJob.NAME, DomainRecheckJob.class, properties.recheckInterval());
	}

}
