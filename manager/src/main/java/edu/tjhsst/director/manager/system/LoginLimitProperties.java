package edu.tjhsst.director.manager.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import edu.tjhsst.director.common.login.FailureLimits;

/**
 * The limit on failed sign-ins to the portal (and by password through the SSH shell server), bound from
 * {@code director.login.*} (see application.properties for the environment variables).
 * @param maxFailures failed sign-ins for one user name from one client address that lock that pair out
 * @param maxAddressFailures failed sign-ins from one client address, for any user names, that lock the address out
 * @param failureWindow the time within which those failures count
 * @param lockout how long sign-ins stay refused after that
 * @param maxTracked how many pairs and addresses are remembered at most
 */
@ConfigurationProperties("director.login")
public record LoginLimitProperties(int maxFailures, int maxAddressFailures, Duration failureWindow, Duration lockout,
		int maxTracked) {

	public LoginLimitProperties {
		// Fails the start with a clear message when a setting makes no sense.
		new FailureLimits(maxFailures, maxAddressFailures, failureWindow, lockout, maxTracked);
	}

	FailureLimits limits() {
		return new FailureLimits(maxFailures, maxAddressFailures, failureWindow, lockout, maxTracked);
	}

}
