package edu.tjhsst.director.router;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away certificate authority for tests, and the leaf certificates it issues, in the PEM the router takes. */
public final class TestCertificates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final X500Name NAME = new X500Name("CN=Director test authority");

	private final KeyPair keys;

	private final X509Certificate certificate;

	private TestCertificates(KeyPair keys, X509Certificate certificate) {
		this.keys = keys;
		this.certificate = certificate;
	}

	/** A new authority, valid from a day ago for a year. */
	public static TestCertificates newAuthority() {
		try {
			KeyPair keys = keyPair("EC");
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(NAME, serial(),
					Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), NAME,
					keys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			return new TestCertificates(keys, sign(builder, keys));
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot make a test authority", ex);
		}
	}

	/** A leaf for the given DNS names with an EC key, valid from an hour ago for 30 days. */
	public Issued issue(String... names) {
		Instant now = Instant.now();
		return issue("EC", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), names);
	}

	/** A leaf for the given DNS names with a new key of the given algorithm (EC or RSA), valid in the given window. */
	public Issued issue(String algorithm, Instant notBefore, Instant notAfter, String... names) {
		try {
			KeyPair leafKeys = keyPair(algorithm);
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(NAME, serial(), Date.from(notBefore),
					Date.from(notAfter), new X500Name("CN=" + names[0]), leafKeys.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(Arrays.stream(names)
				.map(name -> new GeneralName(GeneralName.dNSName, name)).toArray(GeneralName[]::new)));
			X509Certificate leaf = sign(builder, keys);
			return new Issued(leaf, pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", certificate.getEncoded()),
					pem("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot issue a test certificate", ex);
		}
	}

	/** The authority's own certificate in PEM. */
	public String pem() {
		try {
			return pem("CERTIFICATE", certificate.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A TLS context that trusts this authority alone. */
	public SSLContext trustingContext() {
		try {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			store.setCertificateEntry("authority", certificate);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), RANDOM);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
	}

	private static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
		generator.initialize("EC".equals(algorithm) ? 256 : 2048);
		return generator.generateKeyPair();
	}

	private static BigInteger serial() {
		return new BigInteger(63, RANDOM).add(BigInteger.ONE);
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	/**
	 * A leaf certificate as the manager would send it.
	 * @param certificate the leaf
	 * @param chainPem the leaf, then the authority
	 * @param keyPem the leaf's key in PKCS#8
	 */
	public record Issued(X509Certificate certificate, String chainPem, String keyPem) {

		/** The body of {@code PUT /certificates/<host>}. */
		public String json() {
			return "{\"chainPem\":\"" + chainPem.replace("\n", "\\n") + "\",\"keyPem\":\""
					+ keyPem.replace("\n", "\\n") + "\"}";
		}

		/** The Base64 lines of the key, which must never appear in a log or an answer. */
		public String keyText() {
			return keyPem.split("\n")[1];
		}

	}

}
