package edu.tjhsst.director.orchestrator.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Operators' tokens, from a file only root may change: one line per operator, {@code <name> <SHA-256 of the token, in
 * hex> <expiry, in seconds since 1970>}, {@code #} for comments. The file is read on each call, so that a token added
 * or revoked ({@code ./director operator add | revoke}) counts at once; it holds no token itself. A file owned by
 * another user than the orchestrator's (root), or that others may write, is not believed at all: whoever could write
 * it could make themselves an operator.
 */
@Component
class OperatorTokens {

	/** An operator's token: {@code dop_} and 43 characters of base64url (32 random bytes). */
	static final Pattern TOKEN = Pattern.compile("dop_[A-Za-z0-9_-]{43}");

	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final Pattern LINE = Pattern.compile("(" + NAME.pattern() + ") ([0-9a-f]{64}) ([0-9]{1,12})");

	private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
			PosixFilePermission.OTHERS_WRITE);

	private static final Logger log = LoggerFactory.getLogger(OperatorTokens.class);

	private final Path file;

	private final Clock clock;

	@Autowired
	OperatorTokens(OperatorProperties properties) {
		this(properties.tokensFile(), Clock.systemUTC());
	}

	OperatorTokens(Path file, Clock clock) {
		this.file = file;
		this.clock = clock;
	}

	/** The name of the operator whose live token this is, if it is one. */
	Optional<String> operator(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			return Optional.empty();
		}
		String hash = sha256(token);
		Instant now = clock.instant();
		for (String line : lines()) {
			var match = LINE.matcher(line.strip());
			// Comparing hashes of a secret does not reveal the secret by its timing.
			if (match.matches() && match.group(2).equals(hash)) {
				return Instant.ofEpochSecond(Long.parseLong(match.group(3))).isAfter(now) ? Optional.of(match.group(1))
						: Optional.empty();
			}
		}
		return Optional.empty();
	}

	private List<String> lines() {
		try {
			String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
			Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
			if (!owner.equals(System.getProperty("user.name")) || mode.stream().anyMatch(OTHERS_WRITE::contains)) {
				log.error("no operator token is accepted: {} (owned by {}, {}) must be {}'s alone, mode 600", file,
						owner, PosixFilePermissions.toString(mode), System.getProperty("user.name"));
				return List.of();
			}
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			log.error("cannot read the operators' tokens from {}: {}", file, ex.getMessage());
			return List.of();
		}
	}

	static String sha256(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
