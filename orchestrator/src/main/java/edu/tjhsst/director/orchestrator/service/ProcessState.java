package edu.tjhsst.director.orchestrator.service;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a site's process is doing, as the portal shows it. */
public enum ProcessState {

	/** Swarm is preparing or starting a container. */
	STARTING,

	/** The process runs. */
	RUNNING,

	/** The process exited with an error or could not start; Swarm may be trying again. */
	CRASHED,

	/** There is no process: it exited cleanly, or the site has no service. */
	STOPPED;

	@JsonValue
	String json() {
		return name().toLowerCase(Locale.ROOT);
	}

}
