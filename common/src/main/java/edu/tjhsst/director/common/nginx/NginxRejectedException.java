package edu.tjhsst.director.common.nginx;

/** Nginx refused a configuration; the message is Nginx's own explanation. */
public class NginxRejectedException extends RuntimeException {

	public NginxRejectedException(String message) {
		super(message);
	}

}
