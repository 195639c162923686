package edu.tjhsst.director.common.signing;

/** Names of the HTTP headers that carry a request's signature. */
public final class SignatureHeaders {

	public static final String CALLER = "X-Director-Caller";
	public static final String TIMESTAMP = "X-Director-Timestamp";
	public static final String NONCE = "X-Director-Nonce";
	public static final String SIGNATURE = "X-Director-Signature";

	private SignatureHeaders() {
	}

}
