package edu.tjhsst.director.router.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import edu.tjhsst.director.common.tls.CertificateInstall;

/**
 * Everything the router checks about a certificate before Nginx sees it: the chain parses and each certificate is
 * signed by the next, the key is PKCS#8 EC or RSA and belongs to the leaf, the leaf names the host, and it is valid
 * now. Each failure is one sentence; none quotes the key or a parser's message about it.
 */
public final class CertificateChecks {

	/** A leaf and a few intermediates; real chains have two or three certificates. */
	static final int MAX_CHAIN_LENGTH = 8;

	private static final Pattern KEY_PEM = Pattern
		.compile("^\\s*-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----\\s*$");

	private static final byte[] PROBE = "director: does this key belong to the certificate?"
		.getBytes(StandardCharsets.US_ASCII);

	/** The DNS name type of a subjectAltName entry (RFC 5280, section 4.2.1.6). */
	private static final int DNS_NAME = 2;

	/**
	 * Checks the certificate for the host at the given time.
	 * @param host a host name that passed {@code HostNames.isValid}
	 * @param install a request whose {@link CertificateInstall#problems()} are empty
	 * @throws CertificateRefusedException with the first reason the router will not serve it
	 */
	public CheckedCertificate check(String host, CertificateInstall install, Instant now) {
		List<X509Certificate> chain = chain(install.chainPem());
		X509Certificate leaf = chain.get(0);
		PrivateKey key = key(install.keyPem());
		requireMatch(key, leaf);
		requireNames(host, leaf);
		requireValid(leaf, now);
		String chainPem = pem(chain);
		String keyPem = "-----BEGIN PRIVATE KEY-----\n" + base64(key.getEncoded()) + "-----END PRIVATE KEY-----\n";
		return new CheckedCertificate(host, leaf, chainPem, keyPem, version(chainPem));
	}

	/** The host names a certificate's subjectAltName lists as DNS names, lowercased. */
	static List<String> dnsNames(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
			if (entries != null) {
				for (List<?> entry : entries) {
					if (entry.size() >= 2 && Integer.valueOf(DNS_NAME).equals(entry.get(0))
							&& entry.get(1) instanceof String name) {
						names.add(name.toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		catch (CertificateParsingException ex) {
			throw new CertificateRefusedException("the certificate's subjectAltName cannot be read");
		}
		return names;
	}

	/** Whether a name from a certificate covers the host: the same name, or {@code *.parent} for one label more. */
	static boolean covers(String name, String host) {
		if (name.equals(host)) {
			return true;
		}
		int dot = host.indexOf('.');
		return name.startsWith("*.") && dot > 0 && name.substring(2).equals(host.substring(dot + 1));
	}

	private static List<X509Certificate> chain(String pem) {
		Collection<? extends Certificate> parsed;
		try {
			parsed = CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (CertificateException ex) {
			throw new CertificateRefusedException("the chain is not a list of PEM X.509 certificates");
		}
		List<X509Certificate> chain = new ArrayList<>();
		for (Certificate certificate : parsed) {
			if (!(certificate instanceof X509Certificate x509)) {
				throw new CertificateRefusedException("the chain holds something other than X.509 certificates");
			}
			chain.add(x509);
		}
		if (chain.isEmpty() || chain.size() > MAX_CHAIN_LENGTH) {
			throw new CertificateRefusedException("the chain must hold 1 to " + MAX_CHAIN_LENGTH + " certificates, not "
					+ chain.size());
		}
		for (int i = 0; i + 1 < chain.size(); i++) {
			try {
				chain.get(i).verify(chain.get(i + 1).getPublicKey());
			}
			catch (GeneralSecurityException ex) {
				throw new CertificateRefusedException("the chain is out of order: certificate " + (i + 2)
						+ " did not sign certificate " + (i + 1) + " (the leaf comes first, then its issuer)");
			}
		}
		return chain;
	}

	private static PrivateKey key(String pem) {
		Matcher matcher = KEY_PEM.matcher(pem);
		if (!matcher.matches()) {
			throw new CertificateRefusedException("the key must be exactly one PEM PRIVATE KEY block (PKCS#8)");
		}
		byte[] der;
		try {
			der = Base64.getMimeDecoder().decode(matcher.group(1));
		}
		catch (IllegalArgumentException ex) {
			throw new CertificateRefusedException("the key is not valid base64");
		}
		for (String algorithm : List.of("EC", "RSA")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException | RuntimeException ex) {
				// Not this algorithm; the parser's message is not repeated, as it may describe the key.
			}
		}
		throw new CertificateRefusedException("the key is not a PKCS#8 EC or RSA private key");
	}

	private static void requireMatch(PrivateKey key, X509Certificate leaf) {
		String algorithm = switch (key.getAlgorithm()) {
			case "EC" -> "SHA256withECDSA";
			case "RSA" -> "SHA256withRSA";
			default -> throw new CertificateRefusedException("the key is not an EC or RSA key");
		};
		boolean matches;
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(PROBE);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(leaf.getPublicKey());
			verifier.update(PROBE);
			matches = verifier.verify(signature);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			matches = false;
		}
		if (!matches) {
			throw new CertificateRefusedException("the key does not belong to the certificate (the first one in the "
					+ "chain)");
		}
	}

	private static void requireNames(String host, X509Certificate leaf) {
		List<String> names = dnsNames(leaf);
		if (names.stream().noneMatch(name -> covers(name, host))) {
			throw new CertificateRefusedException("the certificate does not name " + host + "; "
					+ (names.isEmpty() ? "it names no DNS host" : "it names " + String.join(", ", names)));
		}
	}

	private static void requireValid(X509Certificate leaf, Instant now) {
		if (now.isBefore(leaf.getNotBefore().toInstant())) {
			throw new CertificateRefusedException("the certificate is not valid before "
					+ leaf.getNotBefore().toInstant());
		}
		if (now.isAfter(leaf.getNotAfter().toInstant())) {
			throw new CertificateRefusedException("the certificate expired at " + leaf.getNotAfter().toInstant());
		}
	}

	private static String pem(List<X509Certificate> chain) {
		StringBuilder pem = new StringBuilder();
		for (X509Certificate certificate : chain) {
			try {
				pem.append("-----BEGIN CERTIFICATE-----\n").append(base64(certificate.getEncoded()))
					.append("-----END CERTIFICATE-----\n");
			}
			catch (CertificateEncodingException ex) {
				throw new CertificateRefusedException("a certificate of the chain cannot be encoded again");
			}
		}
		return pem.toString();
	}

	private static String base64(byte[] der) {
		return Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der) + "\n";
	}

	private static String version(String chainPem) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(chainPem.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest).substring(0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("this JVM has no SHA-256", ex);
		}
	}

}
