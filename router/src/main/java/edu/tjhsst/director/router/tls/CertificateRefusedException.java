package edu.tjhsst.director.router.tls;

/** A certificate the router will not serve; the message says why in one sentence and never holds the key. */
public class CertificateRefusedException extends RuntimeException {

	public CertificateRefusedException(String message) {
		super(message);
	}

}
