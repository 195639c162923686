package edu.tjhsst.director.orchestrator.docker;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the gateways' calls that change something on the engine and writes one line for each to the log
 * {@code director.docker.audit}: what was done to which object, and how it failed if it did. What only reads (an
 * inspection, a list, an {@code nginx -t} in a container) is not written. A refusal reaches the caller as a
 * {@link DockerRefusedException} ({@link DockerNotFoundException} when the object is not there).
 */
@Component
class DockerAudit {

	/** The name of the audit log. */
	static final String LOG = "director.docker.audit";

	private static final Logger log = LoggerFactory.getLogger(LOG);

	/** What a call does to its object. */
	enum Change {

		CREATE, UPDATE, REMOVE, START, SIGNAL, CONNECT, DISCONNECT, BUILD, PRUNE;

		String word() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** A call to the engine, which may throw a checked exception of its own. */
	@FunctionalInterface
	interface Call<T, E extends Exception> {

		T run() throws E;

	}

	/**
	 * Makes the call and writes its line, such as {@code create service site_42 (director/runtime-python:3)},
	 * {@code remove container site_42_terminal: not found: Status 404: ...} or
	 * {@code create network s-42 failed: Status 409: ...}. Ids are shortened to 12 digits, as docker prints them.
	 * @param detail what else to say about the call, or null
	 */
	<T, E extends Exception> T call(Change change, String kind, String name, String detail, Call<T, E> call) throws E {
		String line = (change.word() + " " + kind + " " + name + (detail == null ? "" : " (" + detail + ")"))
			.replaceAll("\\b([0-9a-f]{12})[0-9a-f]{52}\\b", "$1");
		T result;
		try {
			result = call.run();
		}
		catch (RuntimeException ex) {
			RuntimeException translated = DockerRefusedException.translate(ex);
			// Removing what is already gone is how every removal here is made safe to repeat: not a failure.
			log.info(translated instanceof DockerNotFoundException ? "{}: not found: {}" : "{} failed: {}", line,
					translated.getMessage());
			throw translated;
		}
		catch (Exception ex) {
			log.info("{} failed: {}", line, ex.toString());
			throw ex;
		}
		log.info("{}", line);
		return result;
	}

	/** {@link #call} for a call with no result. */
	void run(Change change, String kind, String name, String detail, Runnable call) {
		call(change, kind, name, detail, () -> {
			call.run();
			return null;
		});
	}

}
