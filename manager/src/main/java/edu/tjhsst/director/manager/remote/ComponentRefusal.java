package edu.tjhsst.director.manager.remote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import edu.tjhsst.director.common.signing.ComponentCallException;

/**
 * What a person is told when the app server refused or failed a call made for them (the file API's, in the editor and
 * through the API): its refusals keep their status and message (a full disk's 507 among them), an unreachable app
 * server is a 503, a refused signature (the platform's set-up, not the person's doing) and any other failure a 502;
 * never a stack trace.
 * @param status the status to answer with
 * @param message what to say
 */
public record ComponentRefusal(HttpStatus status, String message) {

	private static final Logger log = LoggerFactory.getLogger(ComponentRefusal.class);

	public static ComponentRefusal of(ComponentCallException ex) {
		int status = ex.status();
		if (status == 0) {
			log.warn("the orchestrator is unreachable: {}", ex.getMessage());
			return new ComponentRefusal(HttpStatus.SERVICE_UNAVAILABLE, "The app server could not be reached.");
		}
		if (status == 401 || status == 403) {
			log.error("the orchestrator refused the manager's signature: {}", ex.getMessage());
			return new ComponentRefusal(HttpStatus.BAD_GATEWAY, "The app server refused the portal's request.");
		}
		if (status >= 400 && status < 500 || status == HttpStatus.INSUFFICIENT_STORAGE.value()) {
			// A 507: the site's files take all the space they may; a refusal, whose message says how to make room.
			HttpStatus known = HttpStatus.resolve(status);
			return new ComponentRefusal(known == null ? HttpStatus.BAD_REQUEST : known, ex.getMessage());
		}
		// What the app server (or a proxy before it) said of its own failure is for the log, not for the person.
		log.warn("the orchestrator failed with {}: {}", status, ex.getMessage());
		return new ComponentRefusal(HttpStatus.BAD_GATEWAY, "The app server failed; the failure is in the portal's log.");
	}

}
