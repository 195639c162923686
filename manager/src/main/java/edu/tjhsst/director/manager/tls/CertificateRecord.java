package edu.tjhsst.director.manager.tls;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A host name's certificate as stored, without its key.
 * @param hostName the name it is for
 * @param siteId the site the name leads to, or null for the portal's name
 * @param state where it stands
 * @param notAfter when the certificate the router serves expires; null before the first one
 * @param lastError the CA's words about the last failure, or null
 * @param failures failed attempts since the last success
 * @param nextAttemptAt when the renewal job tries again
 */
public record CertificateRecord(String hostName, Long siteId, CertificateState state, Instant notAfter,
		String lastError, int failures, Instant nextAttemptAt) {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** Where the certificate stands, in a sentence for the domain's owner and the administrators. */
	public String sentence(Instant now) {
		return switch (state) {
			case PENDING -> "HTTPS: a certificate is being requested; until it comes, the domain is served over HTTP.";
			case VALID -> "HTTPS: certificate valid until " + WHEN.format(notAfter) + ".";
			case FAILED -> (serving(now) ? "HTTPS: renewing the certificate failed: " + lastError
					+ " The current one is valid until " + WHEN.format(notAfter) + "."
					: "HTTPS: no certificate: " + lastError + " The domain is served over HTTP.")
					+ " Next try: " + WHEN.format(nextAttemptAt) + ".";
		};
	}

	/** The Bootstrap colour of {@link #sentence}. */
	public String tone() {
		return switch (state) {
			case PENDING -> "text-muted";
			case VALID -> "text-success";
			case FAILED -> "text-danger";
		};
	}

	/** Whether a certificate is served now: one was issued and has not expired. */
	public boolean serving(Instant now) {
		return notAfter != null && notAfter.isAfter(now);
	}

}
