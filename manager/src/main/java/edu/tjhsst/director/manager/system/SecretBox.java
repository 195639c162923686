package edu.tjhsst.director.manager.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts the passwords Director must be able to read back (database hosts' admin passwords, sites' database
 * passwords) with AES-256-GCM under the manager's secrets key, so that a copy of the database alone reveals none.
 */
@Component
public class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

	private static final String VERSION = "v1:";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	@Autowired
	SecretBox(DirectorProperties properties) {
		this(keyText(properties.secrets()));
	}

	/** A box with this key text; the AES key is its SHA-256. */
	public SecretBox(String keyText) {
		if (keyText == null || keyText.strip().length() < 16) {
			throw new IllegalArgumentException("the secrets key must be at least 16 characters");
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyText.strip().getBytes(StandardCharsets.UTF_8));
			this.key = new SecretKeySpec(digest, "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The text to store for this secret: a new nonce every time, so equal secrets do not look equal. */
	public String encrypt(String secret) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			byte[] stored = new byte[NONCE_BYTES + sealed.length];
			System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
			System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
			return VERSION + Base64.getEncoder().encodeToString(stored);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot encrypt", ex);
		}
	}

	/**
	 * The secret stored as this text.
	 * @throws IllegalStateException when it was not made by {@link #encrypt} with this key (a changed key, say)
	 */
	public String decrypt(String stored) {
		if (stored == null || !stored.startsWith(VERSION)) {
			throw new IllegalStateException("a stored secret is not in Director's encrypted form");
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
			return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("a stored secret cannot be decrypted with the manager's secrets key; was the"
					+ " key changed?");
		}
	}

	/** The configured key, or the key file's content; a missing file is made with a new random key (mode 600). */
	private static String keyText(DirectorProperties.Secrets secrets) {
		if (secrets.key() != null && !secrets.key().isBlank()) {
			return secrets.key();
		}
		Path file = Path.of(secrets.keyFile());
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				byte[] bytes = new byte[48];
				new SecureRandom().nextBytes(bytes);
				Path partial = file.resolveSibling(file.getFileName() + ".new");
				Files.deleteIfExists(partial);
				Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(partial, Base64.getEncoder().encodeToString(bytes));
				Files.move(partial, file);
				log.info("made a new secrets key in {}; keep it with the data, or stored passwords cannot be read", file);
			}
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or make the secrets key file " + file, ex);
		}
	}

}
