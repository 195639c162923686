package edu.tjhsst.director.manager.system;

/**
 * Something that does not exist, or that this person may not know exists: both are the same 404
 * ({@link PortalErrors}), so the message here is for logs and never shown.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
