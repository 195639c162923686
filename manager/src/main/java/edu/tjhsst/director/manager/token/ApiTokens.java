package edu.tjhsst.director.manager.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import edu.tjhsst.director.manager.user.User;
import edu.tjhsst.director.manager.user.UserRepository;

/**
 * Makes, lists, revokes and checks personal API tokens. A token is {@value #PREFIX} and 256 random bits; only its
 * SHA-256 is stored, so the table alone signs nothing in. A call made with a token acts as its owner as the owner is
 * now (a disabled account's tokens stop working), within the token's scopes.
 */
@Service
public class ApiTokens {

	/** What every token starts with, so that a leaked one is recognised (by a secret scanner, say). */
	static final String PREFIX = "director_";

	private static final Pattern TOKEN = Pattern.compile("^" + PREFIX + "[A-Za-z0-9_-]{43}$");

	/** Names: letters, digits, spaces and a few marks, so that a name is safe anywhere it is shown. */
	private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._:()-]{0,99}$");

	static final int MAX_DAYS = 366;

	/** At most this many tokens that still work, per person, so that a script cannot fill the table. */
	static final int MAX_ACTIVE = 20;

	/**
	 * At most this many tokens listed per person, working or not, so that making and revoking tokens in a loop
	 * cannot fill the table either; a token that stopped working is listed (saying when) for {@link #KEEP_STOPPED}.
	 */
	static final int MAX_KEPT = 100;

	static final Duration KEEP_STOPPED = Duration.ofDays(30);

	private final ApiTokenRepository tokens;

	private final UserRepository users;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ApiTokens(ApiTokenRepository tokens, UserRepository users, ObjectProvider<Clock> clock) {
		this.tokens = tokens;
		this.users = users;
		// A Clock bean exists only in tests.
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** A token just made: the secret, shown once, and what is stored of it. */
	public record Issued(String secret, long id) {
	}

	/**
	 * Makes a token for its owner.
	 * @throws TokenRequestException when the name, scopes or days are not acceptable, or the owner has as many
	 * tokens as they may; nothing is stored then
	 */
	@Transactional
	public Issued issue(User owner, String name, List<String> scopeTexts, String days) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String text : scopeTexts) {
			// An unknown scope comes from no form of the portal's: refused, not dropped.
			scopes.add(Scope.parse(text).orElseThrow(() -> new TokenRequestException("scopes",
					"Choose scopes from the list.")));
		}
		String trimmed = name == null ? "" : name.strip();
		if (!NAME.matcher(trimmed).matches()) {
			throw new TokenRequestException("name", "Name the token with up to 100 letters, digits, spaces and . _ : ( ) -,"
					+ " starting with a letter or digit.");
		}
		if (scopes.isEmpty()) {
			throw new TokenRequestException("scopes", "Choose at least one scope.");
		}
		if (scopes.stream().anyMatch(Scope::administratorsOnly) && !owner.isAdmin()) {
			throw new TokenRequestException("scopes", "Only administrators can make a token with the admin or "
					+ "metrics:read scope.");
		}
		int lasting = days == null || !days.strip().matches("[0-9]{1,3}") ? 0 : Integer.parseInt(days.strip());
		if (lasting < 1 || lasting > MAX_DAYS) {
			throw new TokenRequestException("days", "A token lasts from 1 to " + MAX_DAYS + " days.");
		}
		Instant now = clock.instant();
		tokens.lockOwner(owner.id());
		tokens.purgeStoppedBefore(owner.id(), now.minus(KEEP_STOPPED));
		if (tokens.countActive(owner.id(), now) >= MAX_ACTIVE) {
			throw new TokenRequestException("name", "You have " + MAX_ACTIVE + " tokens that still work; revoke one first.");
		}
		if (tokens.countAll(owner.id()) >= MAX_KEPT) {
			throw new TokenRequestException("name", "You have made " + MAX_KEPT + " tokens in the last "
					+ KEEP_STOPPED.toDays() + " days; a revoked or expired one is listed that long.");
		}
		byte[] bits = new byte[32];
		random.nextBytes(bits);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
		long id = tokens.create(owner.id(), trimmed, hash(secret), scopes,
				now.plus(Duration.ofDays(lasting)));
		return new Issued(secret, id);
	}

	public List<ApiToken> of(User owner) {
		return tokens.findByUser(owner.id());
	}

	/** Revokes one of the owner's tokens; false when they have no such token still working. */
	public boolean revoke(User owner, long tokenId) {
		return tokens.revoke(owner.id(), tokenId);
	}

	/**
	 * The call's caller when the secret is a token that works: known, not revoked, not expired, its owner's account
	 * enabled. The use is recorded.
	 * @param from the address the call came from
	 * @throws TokenRefusedException saying why the token does not work
	 */
	TokenAuthentication authenticate(String secret, String from) {
		if (secret == null || !TOKEN.matcher(secret).matches()) {
			throw new TokenRefusedException("This is not a Director API token.");
		}
		ApiToken token = tokens.findByHash(hash(secret))
			.orElseThrow(() -> new TokenRefusedException("This token is not known; it may have been mistyped."));
		Instant now = clock.instant();
		if (token.revokedAt() != null) {
			throw new TokenRefusedException("This token was revoked.");
		}
		if (!token.isActive(now)) {
			throw new TokenRefusedException("This token expired at " + token.expiresAt() + ".");
		}
		Optional<User> owner = users.findById(token.userId()).filter(User::enabled);
		if (owner.isEmpty()) {
			throw new TokenRefusedException("This token's account is disabled.");
		}
		tokens.recordUse(token.id(), now, from == null ? null : from.substring(0, Math.min(from.length(), 64)));
		return new TokenAuthentication(owner.get(), token.scopes());
	}

	static String hash(String secret) {
		try {
			return HexFormat.of().formatHex(
					MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java has SHA-256", ex);
		}
	}

}
