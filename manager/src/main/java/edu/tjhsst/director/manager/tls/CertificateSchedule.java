package edu.tjhsst.director.manager.tls;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.RecurringJobs;

/**
 * Runs the renewal job every {@code sweepInterval}, and at once when a name starts or stops being served, so that a
 * new domain gets its certificate in seconds rather than at the next round.
 */
@Component
public class CertificateSchedule {

	static final String JOB = "certificates";

	private final RecurringJobs jobs;

	private final Certificates certificates;

	private final AcmeProperties properties;

	CertificateSchedule(RecurringJobs jobs, Certificates certificates, AcmeProperties properties) {
		this.jobs = jobs;
		this.certificates = certificates;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void register() {
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
