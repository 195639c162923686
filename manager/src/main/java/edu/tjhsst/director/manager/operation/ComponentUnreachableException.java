package edu.tjhsst.director.manager.operation;

/**
 * A step could not reach a component (the app server, the router) or it answered that it is not ready: a failure
 * that passes by itself when the component is back, so the operation tries the step again for a while before it
 * fails (steps are idempotent).
 */
public class ComponentUnreachableException extends StepFailedException {

	public ComponentUnreachableException(String message) {
		super(message);
	}

}
