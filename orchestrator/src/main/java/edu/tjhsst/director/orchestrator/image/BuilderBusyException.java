package edu.tjhsst.director.orchestrator.image;

/**
 * The app server cannot build this image now: a build for the same site is running, or every build slot stayed taken;
 * the same build may succeed later.
 */
public class BuilderBusyException extends RuntimeException {

	public BuilderBusyException(String message) {
		super(message);
	}

}
