package edu.tjhsst.director.manager.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CertificateRecordTests {

	private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

	private static final Instant LATER = Instant.parse("2027-03-06T04:00:00Z");

	private static final Instant NEXT = Instant.parse("2026-12-06T04:05:00Z");

	@Test
	void aValidCertificateSaysUntilWhen() {
		CertificateRecord record = new CertificateRecord("www.example.org", 1L, CertificateState.VALID, LATER, null, 0,
				NEXT);
		assertThat(record.sentence(NOW)).isEqualTo("HTTPS: certificate valid until 2027-03-06 04:00 UTC.");
		assertThat(record.tone()).isEqualTo("text-success");
	}

	@Test
	void aFailedRenewalSaysTheCasWordsAndThatTheCurrentOneStillServes() {
		CertificateRecord record = new CertificateRecord("www.example.org", 1L, CertificateState.FAILED, LATER,
				"The CA refused: rate limited.", 1, NEXT);
		assertThat(record.sentence(NOW)).isEqualTo("HTTPS: renewing the certificate failed: The CA refused: rate limited."
				+ " The current one is valid until 2027-03-06 04:00 UTC. Next try: 2026-12-06 04:05 UTC.");
		assertThat(record.tone()).isEqualTo("text-danger");
	}

	@Test
	void aFailureWithNoCertificateSaysTheDomainIsServedOverHttp() {
		CertificateRecord record = new CertificateRecord("www.example.org", 1L, CertificateState.FAILED, null,
				"The CA could not validate www.example.org: connection refused.", 2, NEXT);
		assertThat(record.sentence(NOW)).isEqualTo("HTTPS: no certificate: The CA could not validate www.example.org:"
				+ " connection refused. The domain is served over HTTP. Next try: 2026-12-06 04:05 UTC.");
	}

	@Test
	void anExpiredCertificateWhoseRenewalFailedIsNotServed() {
		CertificateRecord record = new CertificateRecord("www.example.org", 1L, CertificateState.FAILED,
				NOW.minusSeconds(1), "The CA refused: down.", 9, NEXT);
		assertThat(record.serving(NOW)).isFalse();
		assertThat(record.sentence(NOW)).startsWith("HTTPS: no certificate: The CA refused: down.");
	}

}
