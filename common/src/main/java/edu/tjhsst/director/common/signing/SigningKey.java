package edu.tjhsst.director.common.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A shared secret between two components, read from the environment or a file and never printed.
 */
public final class SigningKey {

	static final int MIN_LENGTH = 32;

	private final byte[] secret;

	private SigningKey(byte[] secret) {
		if (secret.length < MIN_LENGTH) {
			throw new IllegalArgumentException("a signing key needs at least " + MIN_LENGTH + " characters");
		}
		this.secret = secret;
	}

	/** A key from its text; surrounding white space is ignored. */
	public static SigningKey of(String text) {
		return new SigningKey(text.strip().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The key given directly (usually from an environment variable) or else the contents of a file.
	 * @param value the key itself, or blank
	 * @param file a file holding the key, used when {@code value} is blank
	 * @param what a description for error messages, such as "orchestrator key"
	 */
	public static SigningKey load(String value, String file, String what) {
		if (value != null && !value.isBlank()) {
			return of(value);
		}
		if (file == null || file.isBlank()) {
			throw new IllegalStateException("no " + what + " configured: set it or the file that holds it");
		}
		try {
			return of(Files.readString(Path.of(file)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the " + what + " from " + file + ": " + ex.getMessage(), ex);
		}
	}

	byte[] bytes() {
		return secret.clone();
	}

	/** The HMAC-SHA256 of a text under this key, base64url without padding, for signed values other than requests. */
	public String mac(String text) {
		return Canonical.sign(this, text);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SigningKey key && Arrays.equals(secret, key.secret);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(secret);
	}

	@Override
	public String toString() {
		return "SigningKey[hidden]";
	}

}
