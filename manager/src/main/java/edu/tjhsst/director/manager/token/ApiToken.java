package edu.tjhsst.director.manager.token;

import java.time.Instant;
import java.util.Set;

/**
 * A personal token as its owner sees it on the tokens page: never the token itself, which only its hash stands for.
 * @param lastUsedFrom the address of its last call, or null when it was never used
 */
public record ApiToken(long id, long userId, String name, Set<Scope> scopes, Instant createdAt, Instant expiresAt,
		Instant revokedAt, Instant lastUsedAt, String lastUsedFrom) {

	public ApiToken {
		scopes = Set.copyOf(scopes);
	}

	/** Whether it still signs calls in at this moment: neither revoked nor expired. */
	public boolean isActive(Instant now) {
		return revokedAt == null && now.isBefore(expiresAt);
	}

	/** Active, revoked or expired, for the tokens page. */
	public String state(Instant now) {
		return revokedAt != null ? "revoked" : now.isBefore(expiresAt) ? "active" : "expired";
	}

	/** The scopes as written in the API's documentation, space-separated. */
	public String scopeText() {
		return Scope.format(scopes);
	}

}
