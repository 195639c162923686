package edu.tjhsst.director.manager.site;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.user.User;

/**
 * How many sites a user has and may have: the number an administrator set for them, else the platform's default
 * ({@code director.sites.max-per-user}); administrators have no limit. A user's sites are those they are a member of,
 * which is how the portal gives a site to its creator.
 */
@Component
public class SiteAllowance {

	private final SiteRepository sites;

	private final int defaultMax;

	SiteAllowance(SiteRepository sites, DirectorProperties properties) {
		this.sites = sites;
		this.defaultMax = properties.sites().maxPerUser();
	}

	/**
	 * A user's sites and limit.
	 * @param sites how many sites the user belongs to
	 * @param limit how many they may have, or null for no limit (administrators)
	 * @param custom whether an administrator set the limit for this user rather than the default applying
	 */
	public record Count(long sites, Integer limit, boolean custom) {

		/** Whether one more site would pass the limit. */
		public boolean full() {
			return limit != null && sites >= limit;
		}

	}

	/** The user's count now. */
	public Count of(User user) {
		return count(user, sites.memberCount(user.id(), false));
	}

	/** Every user's count, by user id, for the administrators' list. */
	public Map<Long, Count> all(List<User> users) {
		Map<Long, SiteRepository.MemberCount> counts = sites.memberCounts();
		Map<Long, Count> result = new HashMap<>();
		for (User user : users) {
			SiteRepository.MemberCount count = counts.get(user.id());
			if (count != null) {
				result.put(user.id(), count(user, count));
			}
		}
		return result;
	}

	/**
	 * Refuses one more site for this user when they have as many as they may. Call inside the transaction that
	 * creates the site: it holds the user's row until then, so creations at once are counted one after another.
	 * @throws SiteLimitException with a message for the user
	 */
	void requireRoomForOneMore(User user) {
		if (user.isAdmin()) {
			return;
		}
		Count count = count(user, sites.memberCount(user.id(), true));
		if (count.full()) {
			throw new SiteLimitException(count);
		}
	}

	private Count count(User user, SiteRepository.MemberCount count) {
		if (user.isAdmin()) {
			return new Count(count.sites(), null, false);
		}
		return count.maxSites() == null ? new Count(count.sites(), defaultMax, false)
				: new Count(count.sites(), count.maxSites(), true);
	}

	/** The user has as many sites as they may. */
	static class SiteLimitException extends RuntimeException {

		SiteLimitException(Count count) {
			super(message(count));
		}

		private static String message(Count count) {
			if (count.limit() == 0) {
				return "You may not create sites; ask an administrator.";
			}
			String have = "You have " + count.sites() + (count.sites() == 1 ? " site" : " sites");
			if (count.sites() == count.limit()) {
				return have + ", the most allowed; delete one or ask an administrator.";
			}
			return have + " and the most allowed is " + count.limit() + "; delete some or ask an administrator.";
		}

	}

}
