package edu.tjhsst.director.orchestrator.image;

/** A build of a site's image failed in a way its owner can fix (a package that does not exist, a failing command). */
public class BuildFailedException extends RuntimeException {

	private final String log;

	public BuildFailedException(String message, String log) {
		super(message);
		this.log = log;
	}

	/** The last lines of the build's output, which show the owner what to fix. */
	public String log() {
		return log;
	}

}
