package edu.tjhsst.director.manager.tls;

import java.time.Instant;

/**
 * A certificate a CA issued, with its key.
 * @param chainPem the leaf and its intermediates, PEM
 * @param keyPem its private key, PKCS#8 PEM; secret
 * @param notAfter when the leaf expires
 */
record IssuedCertificate(String chainPem, String keyPem, Instant notAfter) {

	@Override
	public String toString() {
		return "IssuedCertificate[notAfter=" + notAfter + ", keyPem=[hidden]]";
	}

}
