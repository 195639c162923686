package edu.tjhsst.director.manager.shell;

import java.util.Optional;

import edu.tjhsst.director.common.signing.SignedClient;

/**
 * Reads the shell server's metrics with the manager's signature, made with the key the two share; there is nothing to
 * read where no shell server key is configured.
 */
public class ShellServerMetrics {

	private final SignedClient client;

	/** @param client the signed client of the shell server's API, or null when there is no shell server key */
	ShellServerMetrics(SignedClient client) {
		this.client = client;
	}

	/** The shell server's metrics in Prometheus's text format, or empty when no shell server is configured. */
	public Optional<String> metrics() {
		return Optional.ofNullable(client).map(shell -> shell.get("/metrics"));
	}

}
