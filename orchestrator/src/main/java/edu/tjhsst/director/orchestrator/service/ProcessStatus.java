package edu.tjhsst.director.orchestrator.service;

import java.time.Instant;

/**
 * What a site's process is doing.
 * @param state starting, running, crashed or stopped
 * @param since when it entered that state, or null when unknown
 * @param exitCode how the last process exited, or null while none has
 * @param message what Swarm said about it, safe to show the site's owner, or null
 */
public record ProcessStatus(ProcessState state, Instant since, Long exitCode, String message) {

	/** The status of a site without a service. */
	static ProcessStatus none() {
		return new ProcessStatus(ProcessState.STOPPED, null, null, "the site has no process");
	}

}
