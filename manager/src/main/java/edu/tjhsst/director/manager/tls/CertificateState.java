package edu.tjhsst.director.manager.tls;

/** Where a host name's certificate stands. */
public enum CertificateState {

	/** Asked for; none issued yet. */
	PENDING,

	/** The newest attempt got a certificate, which the router serves. */
	VALID,

	/** The newest attempt failed; an earlier certificate, if any, is served until it expires. */
	FAILED

}
