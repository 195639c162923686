package edu.tjhsst.director.manager.sshkey;

/** A public key line that is not accepted, with a message for the person who pasted it. */
public final class SshKeyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SshKeyException(String message) {
		super(message);
	}

}
