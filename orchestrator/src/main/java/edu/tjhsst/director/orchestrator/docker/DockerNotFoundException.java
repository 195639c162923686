package edu.tjhsst.director.orchestrator.docker;

/** The engine has no object by the name or id a request gave: never made, or already gone. */
public class DockerNotFoundException extends DockerRefusedException {

	private static final long serialVersionUID = 1L;

	DockerNotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

}
