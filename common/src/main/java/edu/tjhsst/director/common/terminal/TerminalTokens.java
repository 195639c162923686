package edu.tjhsst.director.common.terminal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import edu.tjhsst.director.common.signing.NonceCache;
import edu.tjhsst.director.common.signing.SigningKey;

/**
 * Mints and checks terminal tokens: {@code base64url(grant JSON) "." base64url(HMAC-SHA256)} under the key the
 * manager shares with the orchestrator, with its own label so that no request signature can pass for a token. A
 * token is accepted once, before it expires, and never lives longer than {@link #MAX_LIFETIME}.
 */
public final class TerminalTokens {

	/** The longest a token may be valid for. */
	public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

	/** Clock difference tolerated between the manager and the orchestrator. */
	static final Duration SKEW = Duration.ofSeconds(5);

	private static final String LABEL = "DIRECTOR-TERMINAL-TOKEN-V1\n";

	private static final int MAX_TOKEN_LENGTH = 64 * 1024;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SigningKey key;

	private final Clock clock;

	private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

	private final NonceCache spent = new NonceCache(MAX_LIFETIME.plus(SKEW).plus(SKEW), 100_000);

	public TerminalTokens(SigningKey key) {
		this(key, Clock.systemUTC());
	}

	public TerminalTokens(SigningKey key, Clock clock) {
		this.key = key;
		this.clock = clock;
	}

	/** A fresh nonce for a grant. */
	public static String nonce() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** When a grant minted now should expire: {@link #MAX_LIFETIME} from now. */
	public Instant expiry() {
		return clock.instant().plus(MAX_LIFETIME);
	}

	/**
	 * The token for a grant.
	 * @throws IllegalArgumentException when the grant has problems or outlives {@link #MAX_LIFETIME}
	 */
	public String mint(TerminalGrant grant) {
		if (!grant.problems().isEmpty()) {
			throw new IllegalArgumentException("cannot mint an invalid grant: " + String.join("; ", grant.problems()));
		}
		if (grant.expires().isAfter(clock.instant().plus(MAX_LIFETIME))) {
			throw new IllegalArgumentException("a terminal token may live at most " + MAX_LIFETIME.toSeconds() + " s");
		}
		try {
			String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(grant));
			return payload + "." + key.mac(LABEL + payload);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The grant a token carries, spending it.
	 * @throws TerminalTokenException when it is forged, malformed, expired, too long-lived or used before
	 */
	public TerminalGrant verify(String token) {
		if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
			throw new TerminalTokenException("no terminal token");
		}
		int dot = token.indexOf('.');
		if (dot <= 0 || dot != token.lastIndexOf('.')) {
			throw new TerminalTokenException("malformed terminal token");
		}
		String payload = token.substring(0, dot);
		byte[] expected = key.mac(LABEL + payload).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
			throw new TerminalTokenException("terminal token signature does not match");
		}
		TerminalGrant grant;
		try {
			grant = json.readValue(Base64.getUrlDecoder().decode(payload), TerminalGrant.class);
		}
		catch (java.io.IOException | IllegalArgumentException ex) {
			throw new TerminalTokenException("malformed terminal token");
		}
		if (!grant.problems().isEmpty()) {
			throw new TerminalTokenException("invalid terminal grant: " + String.join("; ", grant.problems()));
		}
		Instant now = clock.instant();
		if (!grant.expires().isAfter(now.minus(SKEW))) {
			throw new TerminalTokenException("terminal token expired");
		}
		if (grant.expires().isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
			throw new TerminalTokenException("terminal token lives longer than " + MAX_LIFETIME.toSeconds() + " s");
		}
		if (!spent.firstUse(grant.nonce(), now)) {
			throw new TerminalTokenException("terminal token already used");
		}
		return grant;
	}

}
