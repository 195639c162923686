package edu.tjhsst.director.manager.operation;

/** A step could not be done; the message is shown to the user as the action's result. */
public class StepFailedException extends RuntimeException {

	public StepFailedException(String message) {
		super(message);
	}

}
