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
				// An operation of the site's is running; the next round checks the domain.
				log.info("domain {} not checked again: its site is busy", domain.name());
			}
			catch (RuntimeException ex) {
				// One domain's trouble (an odd DNS answer, a lost connection) must not spare the domains after it.
				log.error("checking domain {} again failed", domain.name(), ex);
			}
		}
		if (lost > 0) {
			log.warn("{} domain(s) lost their DNS proof and wait for it again", lost);
		}
	}

}
