package edu.tjhsst.director.orchestrator.image;

/** A build of a site's image failed in a way its owner can fix; answered with 422, the message and the log. */
class BuildFailedException extends RuntimeException {

	private final String log;

	BuildFailedException(String message, String log) {
		super(message);
		this.log = log;
	}

	/** The last lines of the build's output. */
	String log() {
		return log;
	}

}
