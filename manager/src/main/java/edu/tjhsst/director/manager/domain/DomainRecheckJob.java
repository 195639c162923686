package edu.tjhsst.director.manager.domain;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import edu.tjhsst.director.manager.operation.SiteLockedException;

/** Checks every served or approval-pending domain in DNS again; see {@link SiteDomains#recheck}. */
@DisallowConcurrentExecution
class DomainRecheckJob implements Job {

	static final String NAME = "domains-recheck";

	private static final Logger log = LoggerFactory.getLogger(DomainRecheckJob.class);

	private final SiteDomainRepository domains;

	private final SiteDomains siteDomains;

	DomainRecheckJob(SiteDomainRepository domains, SiteDomains siteDomains) {
		this.domains = domains;
		this.siteDomains = siteDomains;
	}

	@Override
	public void execute(JobExecutionContext context) {
		int lost = 0;
		for (SiteDomain domain : domains.findAll()) {
			if (domain.state() != DomainState.ACTIVE && domain.state() != DomainState.WAITING_FOR_APPROVAL) {
				continue;
			}
			try {
				lost += siteDomains.recheck(domain.id()) ? 1 : 0;
			}
			catch (SiteLockedException ex) {
				// A failed operation locks the site until someone retries it; the next round checks the domain.
				log.info("domain {} not checked again: its site is locked", domain.name());
			}
		}
		if (lost > 0) {
			log.warn("{} domain(s) lost their DNS proof and wait for it again", lost);
		}
	}

}
