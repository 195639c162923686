package edu.tjhsst.director.common.signing;

/** A call to another component failed: it could not be reached, or it answered with an error. */
public class ComponentCallException extends RuntimeException {

	private final int status;

	public ComponentCallException(int status, String message) {
		super(message);
		this.status = status;
	}

	/** The HTTP status the callee answered with, or 0 when it was not reached. */
	public int status() {
		return status;
	}

	/**
	 * Whether the callee was not there to decide: no connection, or an answer that it is not ready (starting, or its
	 * Nginx reloading too long); worth trying again later, unlike a refusal.
	 */
	public boolean unreachable() {
		return status == 0 || status == 502 || status == 503 || status == 504;
	}

}
