package edu.tjhsst.director.manager.tls;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.RecurringJobs;

/**
 * Runs the renewal job every {@code sweepInterval}, and at once when a name starts or stops being served, so that a
 * new domain gets its certificate in seconds rather than at the next round.
 */
@Component
public class CertificateSchedule implements SmartInitializingSingleton {

	static final String JOB = "certificates";

	private final RecurringJobs jobs;

	private final Certificates certificates;

	private final AcmeProperties properties;

	CertificateSchedule(RecurringJobs jobs, Certificates certificates, AcmeProperties properties) {
		this.jobs = jobs;
		this.certificates = certificates;
		this.properties = properties;
	}

	/**
	 * Before the web server listens and before Quartz starts: a start that cannot schedule fails before
	 * {@code ./director up} is told the portal is up, and no misfire handling of a starting scheduler can store a
	 * trigger meanwhile.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (certificates.enabled()) {
			jobs.every(JOB, CertificateSweepJob.class, properties.sweepInterval());
			// Names that became served, or certificates that came due, while no manager ran.
			jobs.soon(JOB);
		}
		else {
			jobs.never(JOB);
		}
	}

	/** Runs the renewal job as soon as the current transaction (if any) commits. */
	public void soon() {
		if (certificates.enabled()) {
			jobs.soon(JOB);
		}
	}

}
