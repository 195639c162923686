package edu.tjhsst.director.manager.remote;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What a dynamic site's process is doing, as the orchestrator reports it.
 * @param state {@code starting}, {@code running}, {@code crashed} or {@code stopped}
 * @param since when it entered that state, or null when unknown
 * @param exitCode how the last process exited, or null while none has
 * @param message what Swarm said about it, or null
 */
public record ProcessStatus(String state, Instant since, Long exitCode, String message) {

	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	public ProcessStatus {
		state = state == null ? "stopped" : state.toLowerCase(Locale.ROOT);
	}

	/** The status to show when the orchestrator cannot be asked. */
	public static ProcessStatus unknown() {
		return new ProcessStatus("unknown", null, null, "The app server could not be reached.");
	}

	/** A short note beside the state: since when it runs, or how it exited. */
	public String detail() {
		if (state.equals("running") && since != null) {
			return "since " + SINCE.format(since);
		}
		if (exitCode != null) {
			return "exit code " + exitCode;
		}
		return message == null ? "" : message;
	}

	/** Whether the site's owner should be told how to add a {@code run.sh}. */
	public boolean needsHelp() {
		return state.equals("crashed") || state.equals("stopped");
	}

}
