package edu.tjhsst.director.common.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks that a request was signed by a known caller within the allowed clock skew and not seen before.
 */
public final class SignatureVerifier {

	/** How far a request's timestamp may be from this component's clock. */
	public static final Duration MAX_AGE = Duration.ofSeconds(60);

	private final Map<String, Caller> callers;

	private final NonceCache nonces;

	private final Clock clock;

	/** A verifier that accepts the given callers, each only on the paths it may use. */
	public SignatureVerifier(Map<String, Caller> callers) {
		this(callers, Clock.systemUTC());
	}

	SignatureVerifier(Map<String, Caller> callers, Clock clock) {
		this.callers = Map.copyOf(callers);
		this.clock = clock;
		this.nonces = new NonceCache(MAX_AGE.multipliedBy(2), 200_000);
	}

	/**
	 * Verifies one request.
	 * @param header reads a request header by name, null when absent
	 * @return the verified caller's name
	 * @throws SignatureRejectedException with a reason safe to show the caller
	 */
	public String verify(String method, String pathAndQuery, byte[] body, Function<String, String> header) {
		String callerName = header.apply(SignatureHeaders.CALLER);
		String timestampText = header.apply(SignatureHeaders.TIMESTAMP);
		String nonce = header.apply(SignatureHeaders.NONCE);
		String signature = header.apply(SignatureHeaders.SIGNATURE);
		if (callerName == null || timestampText == null || nonce == null || signature == null) {
			throw new SignatureRejectedException("request is not signed");
		}
		Caller caller = callers.get(callerName);
		if (caller == null) {
			throw new SignatureRejectedException("unknown caller");
		}
		long timestamp;
		try {
			timestamp = Long.parseLong(timestampText);
		}
		catch (NumberFormatException ex) {
			throw new SignatureRejectedException("malformed timestamp");
		}
		long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
		if (skew > MAX_AGE.toSeconds()) {
			throw new SignatureRejectedException("signature is stale");
		}
		if (nonce.length() < 16 || nonce.length() > 64) {
			throw new SignatureRejectedException("malformed nonce");
		}
		String expected = Canonical.sign(caller.key(),
				Canonical.text(callerName, method, pathAndQuery, body, timestamp, nonce));
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII))) {
			throw new SignatureRejectedException("signature does not match");
		}
		// Only a request with a valid signature may spend a nonce, so forgeries cannot fill the cache.
		if (!nonces.firstUse(callerName + ":" + nonce, clock.instant())) {
			throw new SignatureRejectedException("request was replayed");
		}
		String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
		if (!caller.mayCall(path)) {
			throw new SignatureRejectedException("caller may not use this path");
		}
		return callerName;
	}

}
