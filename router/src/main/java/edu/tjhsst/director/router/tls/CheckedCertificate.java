package edu.tjhsst.director.router.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A certificate that passed {@link CertificateChecks}, in the canonical PEM the router writes: re-encoded from what
 * was parsed, so nothing but certificates and one key reaches the files Nginx reads.
 * @param host the host name it was checked for
 * @param leaf the host's certificate
 * @param chainPem the leaf and its intermediates
 * @param keyPem the leaf's private key in PKCS#8
 * @param version the first 16 hex digits of the SHA-256 of {@code chainPem}, which name its files
 */
public record CheckedCertificate(String host, X509Certificate leaf, String chainPem, String keyPem, String version) {

	/** When the leaf stops being valid. */
	public Instant notAfter() {
		return leaf.getNotAfter().toInstant();
	}

	@Override
	public String toString() {
		// The key is secret; logs and exception messages must never carry it.
		return "CheckedCertificate[host=" + host + ", version=" + version + ", notAfter=" + notAfter()
				+ ", keyPem=[hidden]]";
	}

}
