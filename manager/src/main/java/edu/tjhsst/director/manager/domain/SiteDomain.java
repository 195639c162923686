package edu.tjhsst.director.manager.domain;

import java.time.Instant;

import edu.tjhsst.director.common.domain.CustomDomain;

/**
 * A custom domain as the portal stores it.
 * @param siteName the name of the site it belongs to, for the administrators' list
 * @param name the name as {@link CustomDomain} normalises it
 * @param token what the TXT record of {@code _director-challenge.<name>} must hold
 * @param rejection the administrator's reason when the state is REJECTED, else null
 * @param checkedAt when DNS was last asked, or null
 * @param provenAt when a check last found the token, or null
 */
public record SiteDomain(long id, long siteId, String siteName, String name, String token, DomainState state,
		String rejection, Instant createdAt, Instant checkedAt, Instant provenAt) {

	/** The name, as checks take it; it passed the whitelist before it was stored. */
	public CustomDomain domain() {
		return CustomDomain.parse(name);
	}

	/** The name whose TXT record must hold the token. */
	public String challengeName() {
		return DomainOwnership.challengeName(domain());
	}

}
