package edu.tjhsst.director.manager.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An administrator's wildcard certificate for the sites' own names ({@code *.<sites domain>}), from two PEM files
 * read on every renewal round, so that a replaced file is served within one round.
 * @param certificate the chain file, leaf first; blank for none
 * @param key its PKCS#8 private key file; blank when there is no certificate
 */
@ConfigurationProperties("director.tls.sites")
public record SitesCertificate(String certificate, String key) {

	public SitesCertificate {
		certificate = certificate == null ? "" : certificate.strip();
		key = key == null ? "" : key.strip();
		if (certificate.isEmpty() != key.isEmpty()) {
			throw new IllegalArgumentException("DIRECTOR_SITES_CERTIFICATE and DIRECTOR_SITES_CERTIFICATE_KEY go"
					+ " together: give both files or neither");
		}
		for (String file : List.of(certificate, key)) {
			if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
				throw new IllegalArgumentException("cannot read " + file + " (DIRECTOR_SITES_CERTIFICATE or _KEY)");
			}
		}
	}

	public boolean configured() {
		return !certificate.isEmpty();
	}

	/** Whether the host is a site's own name, one label under the sites' domain, which a wildcard covers. */
	static boolean covers(String host, String sitesDomain) {
		return host.endsWith("." + sitesDomain) && host.indexOf('.') == host.length() - sitesDomain.length() - 1;
	}

	/**
	 * The files as they are now, checked as far as the manager can (the router checks the rest).
	 * @throws IllegalStateException with a sentence for the administrator when they are not a wildcard for the
	 *         sites' domain
	 */
	Optional<Read> read(String sitesDomain) {
		if (!configured()) {
			return Optional.empty();
		}
		try {
			String chain = Files.readString(Path.of(certificate), StandardCharsets.US_ASCII);
			String keyPem = Files.readString(Path.of(key), StandardCharsets.US_ASCII);
			if (!keyPem.contains("-----BEGIN PRIVATE KEY-----")) {
				throw new IllegalStateException("DIRECTOR_SITES_CERTIFICATE_KEY must hold an unencrypted PKCS#8 key"
						+ " (-----BEGIN PRIVATE KEY-----); convert one with: openssl pkcs8 -topk8 -nocrypt");
			}
			X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII)))
				.iterator().next();
			if (!names(leaf).contains("*." + sitesDomain)) {
				throw new IllegalStateException("DIRECTOR_SITES_CERTIFICATE does not name *." + sitesDomain
						+ "; it names " + names(leaf));
			}
			return Optional.of(new Read(chain, keyPem, leaf.getNotAfter().toInstant()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the sites' certificate files", ex);
		}
		catch (CertificateException | java.util.NoSuchElementException ex) {
			throw new IllegalStateException("DIRECTOR_SITES_CERTIFICATE holds no PEM certificate", ex);
		}
	}

	private static List<String> names(X509Certificate leaf) throws CertificateParsingException {
		var names = leaf.getSubjectAlternativeNames();
		return names == null ? List.of() : names.stream().filter(name -> Integer.valueOf(2).equals(name.get(0)))
			.map(name -> String.valueOf(name.get(1))).toList();
	}

	/** The chain, its key (secret) and when it expires. */
	record Read(String chainPem, String keyPem, Instant notAfter) {

		@Override
		public String toString() {
			return "Read[notAfter=" + notAfter + ", keyPem=[hidden]]";
		}

	}

}
