package edu.tjhsst.director.common.login;

import java.time.Duration;

/**
 * How many failed sign-ins a {@link FailureLimiter} allows and for how long it then refuses.
 * @param perUserAndAddress failures for one user name from one client address that lock that pair out
 * @param perAddress failures from one client address, for any user names, that lock the address out; higher than
 *        {@code perUserAndAddress}, since a school's network may show many people behind one address
 * @param window the time within which failures count
 * @param lockout how long attempts stay refused after that
 * @param maxTracked how many pairs and addresses are remembered at most; past it the least recently seen are
 *        forgotten, so memory stays bounded whatever attackers send
 */
public record FailureLimits(int perUserAndAddress, int perAddress, Duration window, Duration lockout, int maxTracked) {

	public FailureLimits {
		if (perUserAndAddress < 1 || perAddress < 1) {
			throw new IllegalArgumentException("the sign-in limits need at least one failure each, not "
					+ perUserAndAddress + " and " + perAddress);
		}
		if (window == null || lockout == null || window.isNegative() || window.isZero() || lockout.isNegative()
				|| lockout.isZero()) {
			throw new IllegalArgumentException("the sign-in failure window and lockout must be positive durations");
		}
		if (maxTracked < 100) {
			throw new IllegalArgumentException(
					"the sign-in limiter must track at least 100 entries, not " + maxTracked);
		}
	}

}
