package edu.tjhsst.director.common.signing;

/** A request whose signature is missing, wrong, stale, replayed or not allowed on its path. */
public class SignatureRejectedException extends RuntimeException {

	public SignatureRejectedException(String reason) {
		super(reason);
	}

}
