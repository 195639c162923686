package edu.tjhsst.director.orchestrator;

/**
 * What a caller gave (an id, a path, a parameter, a spec or a recipe) cannot be acted on, whatever the state of the
 * app server: it is malformed, out of range, leads outside the site, names the wrong kind of entry, or asks for what
 * the rules forbid (moving the site's root folder). The message says which, in words safe to show the caller.
 */
public class RejectedInputException extends RuntimeException {

	public RejectedInputException(String message) {
		super(message);
	}

}
