package edu.tjhsst.director.common.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * A certificate the router is to serve for one host name ({@code PUT /certificates/<host>}): the leaf first, then
 * the intermediates, and its private key in PKCS#8. The router checks far more (the key matches, the host is named,
 * the dates hold) before anything reaches Nginx; these are the checks that need no parsing.
 * @param chainPem one or more {@code CERTIFICATE} blocks
 * @param keyPem one {@code PRIVATE KEY} block
 */
public record CertificateInstall(String chainPem, String keyPem) {

	/** A chain of a leaf and a few intermediates fits in this many characters with room to spare. */
	public static final int MAX_CHAIN_CHARS = 64 * 1024;

	/** An RSA 4096 key in PKCS#8 PEM is about 3300 characters. */
	public static final int MAX_KEY_CHARS = 8 * 1024;

	/** Everything wrong with this request that can be told without parsing it. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (chainPem == null || chainPem.isBlank() || chainPem.length() > MAX_CHAIN_CHARS
				|| !chainPem.contains("-----BEGIN CERTIFICATE-----")) {
			problems.add("chainPem must hold 1 to " + MAX_CHAIN_CHARS + " characters of PEM certificates");
		}
		if (keyPem == null || keyPem.length() > MAX_KEY_CHARS || !keyPem.contains("-----BEGIN PRIVATE KEY-----")) {
			problems.add("keyPem must hold one PKCS#8 private key in PEM, at most " + MAX_KEY_CHARS + " characters");
		}
		return problems;
	}

	@Override
	public String toString() {
		// The key is secret; logs and exception messages must never carry it.
		return "CertificateInstall[chainPem=" + (chainPem == null ? 0 : chainPem.length()) + " chars, keyPem=[hidden]]";
	}

}
