package edu.tjhsst.director.common.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The exact text that is signed, and the HMAC over it; shared by signer and verifier so they cannot drift. */
final class Canonical {

	private static final String SCHEME = "DIRECTOR-HMAC-SHA256";

	private Canonical() {
	}

	static String text(String caller, String method, String pathAndQuery, byte[] body, long timestamp, String nonce) {
		return String.join("\n", SCHEME, caller, method.toUpperCase(), pathAndQuery, sha256Hex(body),
				Long.toString(timestamp), nonce);
	}

	static String sign(SigningKey key, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	static String sha256Hex(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
