package edu.tjhsst.director.manager;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The router's TLS side as the stand-ins play it: challenge answers put by the manager are served, unsigned, at
 * {@code /.well-known/acme-challenge/<token>} of the front door (where a real CA's validation comes to read them), and
 * certificates put for a host are kept, parsed, for a test to look at.
 */
final class StandInTls {

	private static final Pattern CHALLENGE = Pattern.compile("^/(?:\\.well-known/acme-challenge|challenges)/([^/]+)$");

	private static final Pattern CERTIFICATE = Pattern.compile("^/certificates/([^/]+)$");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	/** Every certificate put, by host, the newest last. */
	final Map<String, List<X509Certificate>> installed = new ConcurrentHashMap<>();

	/** Hosts whose certificate was deleted, in order. */
	final List<String> removed = new CopyOnWriteArrayList<>();

	/** While true, the router refuses certificates as a real one refuses a broken one. */
	volatile boolean refuseCertificates;

	/** Whether this unsigned request is the CA's read of a challenge answer. */
	static boolean isValidation(String method, String path) {
		return method.equals("GET") && path.startsWith("/.well-known/acme-challenge/");
	}

	/** The answer for a validation request, or null for 404. */
	String validation(String path) {
		Matcher matcher = CHALLENGE.matcher(path);
		return matcher.matches() ? answers.get(matcher.group(1)) : null;
	}

	/** Handles a signed TLS call; returns the status, or 0 when the path is not one. */
	int handle(String method, String path, byte[] body) throws java.io.IOException {
		Matcher challenge = CHALLENGE.matcher(path);
		if (path.startsWith("/challenges/") && challenge.matches()) {
			if (method.equals("PUT")) {
				answers.put(challenge.group(1), JSON.readTree(body).get("keyAuthorization").asText());
			}
			else {
				answers.remove(challenge.group(1));
			}
			return 200;
		}
		Matcher certificate = CERTIFICATE.matcher(path);
		if (certificate.matches()) {
			if (method.equals("DELETE")) {
				removed.add(certificate.group(1));
				return 200;
			}
			if (refuseCertificates) {
				return 422;
			}
			JsonNode install = JSON.readTree(body);
			if (!install.get("keyPem").asText().contains("-----BEGIN PRIVATE KEY-----")) {
				return 400;
			}
			installed.computeIfAbsent(certificate.group(1), host -> new CopyOnWriteArrayList<>())
				.add(leaf(install.get("chainPem").asText()));
			return 200;
		}
		return 0;
	}

	private static X509Certificate leaf(String chainPem) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)))
				.iterator().next();
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("not a certificate chain", ex);
		}
	}

}
