package edu.tjhsst.director.manager.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * EC P-256 key pairs from the JDK's own provider (acme4j's helpers want BouncyCastle registered JVM-wide, which the
 * manager does not do), and their text forms: a pair as stored, sealed, in the database, and a private key as PEM.
 */
final class KeyPairs {

	private KeyPairs() {
	}

	static KeyPair newPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK cannot make EC P-256 keys", ex);
		}
	}

	/** {@code <PKCS#8 base64>:<X.509 base64>}; secret, so only ever stored sealed. */
	static String encode(KeyPair pair) {
		Base64.Encoder base64 = Base64.getEncoder();
		return base64.encodeToString(pair.getPrivate().getEncoded()) + ":"
				+ base64.encodeToString(pair.getPublic().getEncoded());
	}

	static KeyPair decode(String text) {
		String[] parts = text.split(":", 2);
		if (parts.length != 2) {
			throw new IllegalStateException("a stored key pair is not in Director's form");
		}
		try {
			KeyFactory factory = KeyFactory.getInstance("EC");
			Base64.Decoder base64 = Base64.getDecoder();
			return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(base64.decode(parts[1]))),
					factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(parts[0]))));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("a stored key pair cannot be read", ex);
		}
	}

	/** The private key as Nginx and the router read it: unencrypted PKCS#8 PEM. */
	static String privateKeyPem(KeyPair pair) {
		String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(pair.getPrivate().getEncoded());
		return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
	}

}
