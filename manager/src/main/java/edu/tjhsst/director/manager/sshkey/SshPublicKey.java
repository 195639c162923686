package edu.tjhsst.director.manager.sshkey;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One OpenSSH public key, parsed strictly from its line ({@code ssh-ed25519 AAAA... comment}).
 * @param algorithm the key's algorithm, one of {@link #ALGORITHMS}
 * @param blob the base64 part, as given
 * @param fingerprint {@code SHA256:<base64 without padding>} of the decoded blob, as {@code ssh-keygen -lf} prints it
 * @param comment the optional comment, printable, at most {@link #MAX_COMMENT} characters; empty when none
 */
public record SshPublicKey(String algorithm, String blob, String fingerprint, String comment) {

	/** The algorithms accepted, each with the size of its curve for ECDSA keys. */
	public static final List<String> ALGORITHMS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
			"ecdsa-sha2-nistp521", "ssh-rsa");

	/** The longest comment accepted. */
	public static final int MAX_COMMENT = 200;

	/** The smallest RSA modulus accepted, in bits. */
	public static final int MIN_RSA_BITS = 2048;

	/** The longest key line accepted; a 16384-bit RSA key is about 2.8 kB. */
	static final int MAX_LINE = 4096;

	private static final Map<String, String> CURVES = Map.of("ecdsa-sha2-nistp256", "nistp256",
			"ecdsa-sha2-nistp384", "nistp384", "ecdsa-sha2-nistp521", "nistp521");

	private static final Map<String, Integer> POINT_LENGTHS = Map.of("nistp256", 65, "nistp384", 97,
			"nistp521", 133);

	/**
	 * Parses one public key line.
	 * @throws SshKeyException with a message for the person who pasted it
	 */
	public static SshPublicKey parse(String line) {
		if (line == null || line.isBlank()) {
			throw new SshKeyException("Paste a public key: one line such as \"ssh-ed25519 AAAA… you@laptop\".");
		}
		String text = line.strip();
		if (text.startsWith("-----BEGIN")) {
			throw new SshKeyException("That is a private key or a PEM file. Paste the public key: the contents of "
					+ "the .pub file, such as ~/.ssh/id_ed25519.pub. Never share your private key.");
		}
		if (text.length() > MAX_LINE) {
			throw new SshKeyException("That is too long for a public key (at most " + MAX_LINE + " characters).");
		}
		if (text.contains("\n") || text.contains("\r")) {
			throw new SshKeyException("Paste exactly one key, on one line.");
		}
		String[] parts = text.split("[ \t]+", 3);
		String algorithm = parts[0];
		if (!ALGORITHMS.contains(algorithm)) {
			throw new SshKeyException("Director accepts ssh-ed25519, ecdsa-sha2-nistp256/384/521 and ssh-rsa keys; "
					+ "the line does not start with one of them.");
		}
		if (parts.length < 2) {
			throw new SshKeyException("The key's base64 part is missing after \"" + algorithm + "\".");
		}
		String blob = parts[1];
		String comment = parts.length == 3 ? parts[2] : "";
		byte[] decoded;
		try {
			if (!blob.matches("^[A-Za-z0-9+/]+={0,2}$")) {
				throw new IllegalArgumentException();
			}
			decoded = Base64.getDecoder().decode(blob);
		}
		catch (IllegalArgumentException ex) {
			throw new SshKeyException("The key's base64 part is not valid base64; copy the whole line again.");
		}
		checkBlob(algorithm, ByteBuffer.wrap(decoded));
		if (comment.length() > MAX_COMMENT) {
			throw new SshKeyException("The comment is too long (at most " + MAX_COMMENT + " characters).");
		}
		if (!comment.chars().allMatch(c -> c >= 0x20 && c != 0x7f && !Character.isISOControl(c))) {
			throw new SshKeyException("The comment may only hold printable characters.");
		}
		return new SshPublicKey(algorithm, blob, fingerprint(decoded), comment);
	}

	/** The fingerprint of a decoded key blob, as {@code ssh-keygen -lf} prints it. */
	static String fingerprint(byte[] blob) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
			return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The line as OpenSSH writes it, with the comment if there is one. */
	public String line() {
		return comment.isEmpty() ? algorithm + " " + blob : algorithm + " " + blob + " " + comment;
	}

	/** Checks the wire format (RFC 4253 6.6, RFC 5656 3.1, RFC 8709 4): fields, embedded name, sizes, nothing after. */
	private static void checkBlob(String algorithm, ByteBuffer in) {
		String embedded = new String(field(in), StandardCharsets.US_ASCII);
		if (!embedded.equals(algorithm)) {
			throw new SshKeyException("The key says it is " + (ALGORITHMS.contains(embedded) ? embedded : "something else")
					+ " inside but \"" + algorithm + "\" in front; copy the line as it is.");
		}
		switch (algorithm) {
			case "ssh-ed25519" -> {
				if (field(in).length != 32) {
					throw new SshKeyException("The ed25519 key is damaged: its public key is not 32 bytes.");
				}
			}
			case "ssh-rsa" -> {
				BigInteger exponent = new BigInteger(field(in));
				BigInteger modulus = new BigInteger(field(in));
				if (exponent.signum() <= 0 || modulus.signum() <= 0) {
					throw new SshKeyException("The RSA key is damaged.");
				}
				if (modulus.bitLength() < MIN_RSA_BITS) {
					throw new SshKeyException("The RSA key has " + modulus.bitLength() + " bits; Director needs at least "
							+ MIN_RSA_BITS + ". Make a new one with ssh-keygen -t ed25519.");
				}
			}
			default -> {
				String curve = new String(field(in), StandardCharsets.US_ASCII);
				if (!curve.equals(CURVES.get(algorithm))) {
					throw new SshKeyException("The ECDSA key is damaged: its curve does not match its name.");
				}
				byte[] point = field(in);
				if (point.length != POINT_LENGTHS.get(curve) || point[0] != 4) {
					throw new SshKeyException("The ECDSA key is damaged: its public point has the wrong size.");
				}
			}
		}
		if (in.hasRemaining()) {
			throw new SshKeyException("The key has extra bytes after its end; copy the line as it is.");
		}
	}

	private static byte[] field(ByteBuffer in) {
		if (in.remaining() < 4) {
			throw new SshKeyException("The key is cut short; copy the whole line again.");
		}
		int length = in.getInt();
		if (length < 0 || length > in.remaining()) {
			throw new SshKeyException("The key is cut short; copy the whole line again.");
		}
		byte[] bytes = new byte[length];
		in.get(bytes);
		return bytes;
	}

}
