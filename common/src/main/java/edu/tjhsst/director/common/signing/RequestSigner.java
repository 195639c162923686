package edu.tjhsst.director.common.signing;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs outgoing requests as one named component, producing the signature headers. */
public final class RequestSigner {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String caller;

	private final SigningKey key;

	private final Clock clock;

	public RequestSigner(String caller, SigningKey key) {
		this(caller, key, Clock.systemUTC());
	}

	RequestSigner(String caller, SigningKey key, Clock clock) {
		this.caller = caller;
		this.key = key;
		this.clock = clock;
	}

	/** The headers to send with a request of this method, path (with query) and body. */
	public Map<String, String> headers(String method, String pathAndQuery, byte[] body) {
		long timestamp = clock.instant().getEpochSecond();
		byte[] nonceBytes = new byte[16];
		RANDOM.nextBytes(nonceBytes);
		String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
		String signature = Canonical.sign(key, Canonical.text(caller, method, pathAndQuery, body, timestamp, nonce));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(SignatureHeaders.CALLER, caller);
		headers.put(SignatureHeaders.TIMESTAMP, Long.toString(timestamp));
		headers.put(SignatureHeaders.NONCE, nonce);
		headers.put(SignatureHeaders.SIGNATURE, signature);
		return headers;
	}

}
