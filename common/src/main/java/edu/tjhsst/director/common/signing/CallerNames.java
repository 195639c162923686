package edu.tjhsst.director.common.signing;

/**
 * The names components sign their requests with ({@link SignatureHeaders#CALLER}): what a {@link RequestSigner} is
 * given and what a {@link SignatureVerifier}'s callers are keyed by, so that both ends spell them the same.
 */
public final class CallerNames {

	/** The manager, which calls the orchestrator and the router. */
	public static final String MANAGER = "manager";

	/** The SSH shell server, which calls the manager's shell-server API and opens the orchestrator's terminals. */
	public static final String SHELL = "shell";

	private CallerNames() {
	}

}
