package edu.tjhsst.director.manager.tls;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job that gets and renews certificates; one at a time across every manager sharing the database. */
@DisallowConcurrentExecution
class CertificateSweepJob implements Job {

	private final Certificates certificates;

	CertificateSweepJob(Certificates certificates) {
		this.certificates = certificates;
	}

	@Override
	public void execute(JobExecutionContext context) {
		certificates.sweep();
	}

}
