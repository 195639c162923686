package edu.tjhsst.director.manager.tls;

import java.time.Instant;
import java.util.Optional;

/** An order that got no certificate, with the CA's own words, and when the CA lets us try again if it said so. */
class CertificateFailure extends Exception {

	private static final long serialVersionUID = 1L;

	private final transient Instant retryAfter;

	CertificateFailure(String message, Instant retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	CertificateFailure(String message) {
		this(message, null);
	}

	/** When the CA's rate limit lets us order again; empty when it named no time. */
	Optional<Instant> retryAfter() {
		return Optional.ofNullable(retryAfter);
	}

}
