package edu.tjhsst.director.manager.tls;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job that gets and renews certificates; one at a time across every manager sharing the database. */
@DisallowConcurrentExecution
class CertificateSweepJob implements Job {

	private final Certificates certificates;

	private final RenewalRound round;

	CertificateSweepJob(Certificates certificates, RenewalRound round) {
		this.certificates = certificates;
		this.round = round;
	}

	@Override
	public void execute(JobExecutionContext context) {
		if (certificates.enabled()) {
			round.run();
		}
	}

}
