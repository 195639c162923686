package edu.tjhsst.director.router.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import edu.tjhsst.director.common.tls.ChallengeAnswer;

/**
 * The answers to HTTP-01 challenges, one file per token under {@code acme/.well-known/acme-challenge/}, which every
 * HTTP server block of the router serves as they are. They are public by design: anyone may fetch them.
 */
public final class ChallengeFiles {

	private final Path root;

	private final Path dir;

	/** @param nginxDir the router Nginx's prefix; Nginx serves {@code <nginxDir>/acme} as the challenges' root */
	public ChallengeFiles(Path nginxDir) {
		this.root = nginxDir.resolve("acme");
		this.dir = root.resolve(".well-known").resolve("acme-challenge");
	}

	/** Publishes an answer whose {@link ChallengeAnswer#problems()} are empty, replacing any earlier one at once. */
	public void publish(ChallengeAnswer answer) {
		if (!answer.problems().isEmpty()) {
			throw new IllegalArgumentException("cannot publish an answer with problems: " + answer.problems());
		}
		try {
			Files.createDirectories(dir);
			// Nginx's workers read these; a directory left private by a umask would hide them.
			for (Path each = dir; each.startsWith(root); each = each.getParent()) {
				Files.setPosixFilePermissions(each, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			Path temp = Files.createTempFile(dir, ".write-", ".tmp");
			try {
				Files.writeString(temp, answer.keyAuthorization(), StandardCharsets.US_ASCII);
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
				Files.move(temp, file(answer.token()), StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot publish the answer to challenge " + answer.token(), ex);
		}
	}

	/** Withdraws the answer to a challenge; true when there was one. */
	public boolean withdraw(String token) {
		try {
			return Files.deleteIfExists(file(token));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot withdraw the answer to challenge " + token, ex);
		}
	}

	/** Where the answer to a challenge lives; the token is checked by whitelist first. */
	Path file(String token) {
		if (!ChallengeAnswer.isToken(token)) {
			throw new IllegalArgumentException("not a challenge token: " + token);
		}
		return dir.resolve(token);
	}

}
