package edu.tjhsst.director.manager.sshkey;

import java.time.Instant;

/**
 * A public key someone added to their account.
 * @param fingerprint {@code SHA256:...} as {@code ssh-keygen -lf} prints it
 */
public record SshKey(long id, long userId, String algorithm, String keyBlob, String fingerprint, String comment,
		Instant createdAt) {
}
