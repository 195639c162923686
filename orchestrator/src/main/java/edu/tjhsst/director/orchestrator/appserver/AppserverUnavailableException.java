package edu.tjhsst.director.orchestrator.appserver;

/** The appserver Nginx cannot be reached right now (no running container, Docker not answering). */
public class AppserverUnavailableException extends RuntimeException {

	public AppserverUnavailableException(String message) {
		super(message);
	}

	public AppserverUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
