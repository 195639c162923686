package edu.tjhsst.director.manager.tls;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try for a certificate next. A certificate is renewed {@code renewBefore} ahead of its expiry, or after two
 * thirds of its life when it lives shorter than three times that (a test CA's short-lived ones). A failure waits
 * five minutes, doubling with each failure in a row up to a day, and never less than the CA asked for.
 */
final class RenewalTimes {

	static final Duration FIRST_RETRY = Duration.ofMinutes(5);

	static final Duration LONGEST_RETRY = Duration.ofDays(1);

	private RenewalTimes() {
	}

	static Instant renewAt(Instant issuedAt, Instant notAfter, Duration renewBefore) {
		Duration life = Duration.between(issuedAt, notAfter);
		Duration ahead = life.dividedBy(3).compareTo(renewBefore) < 0 ? life.dividedBy(3) : renewBefore;
		return notAfter.minus(ahead);
	}

	/** After the {@code failures}-th failure in a row (1 for the first). */
	static Instant retryAt(Instant now, int failures, Instant caRetryAfter) {
		Duration wait = FIRST_RETRY;
		for (int i = 1; i < failures && wait.compareTo(LONGEST_RETRY) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		Instant next = now.plus(wait.compareTo(LONGEST_RETRY) < 0 ? wait : LONGEST_RETRY);
		return caRetryAfter != null && caRetryAfter.isAfter(next) ? caRetryAfter : next;
	}

}
