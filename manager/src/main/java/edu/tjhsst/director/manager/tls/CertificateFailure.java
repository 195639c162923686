package edu.tjhsst.director.manager.tls;

import java.time.Instant;
import java.util.Optional;

/**
 * An order that got no certificate, with the CA's own words (which may quote a student's server, so control
 * characters become spaces before they reach a log or a page), and when the CA lets us try again if it said so.
 */
class CertificateFailure extends Exception {

	private static final long serialVersionUID = 1L;

	private final transient Instant retryAfter;

	private final boolean rateLimited;

	private CertificateFailure(String message, Instant retryAfter, boolean rateLimited) {
		super(message.replaceAll("\\p{Cntrl}+", " "));
		this.retryAfter = retryAfter;
		this.rateLimited = rateLimited;
	}

	CertificateFailure(String message) {
		this(message, null, false);
	}

	/** The CA refused for its rate limits, which may be the whole account's. */
	static CertificateFailure rateLimited(String message, Instant retryAfter) {
		return new CertificateFailure(message, retryAfter, true);
	}

	/** When the CA's rate limit lets us order again; empty when it named no time. */
	Optional<Instant> retryAfter() {
		return Optional.ofNullable(retryAfter);
	}

	boolean isRateLimited() {
		return rateLimited;
	}

}
