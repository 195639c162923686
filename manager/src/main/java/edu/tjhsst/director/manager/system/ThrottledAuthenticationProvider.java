package edu.tjhsst.director.manager.system;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The portal's password check within the {@link LoginThrottle}: a locked-out attempt is refused before the password
 * is looked at, so it neither tells a guesser anything nor spends the hash's cost; a wrong password is counted; a
 * right one clears its pair's count.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

	/** Stands for a missing address, which form sign-ins always have; never a real one. */
	private static final String NO_ADDRESS = "(none)";

	private final AuthenticationProvider passwords;

	private final LoginThrottle throttle;

	ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
		this.passwords = passwords;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = authentication.getName();
		String address = address(authentication);
		Optional<LoginThrottle.Refusal> refusal = throttle.refusal(user, address, "portal");
		if (refusal.isPresent()) {
			throw new TooManyFailuresException(refusal.get().message(), refusal.get().minutes());
		}
		Authentication result;
		try {
			result = passwords.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			// A wrong password or no such user (the two look the same); a blocked account is not a guess.
			throttle.failed(user, address, "portal");
			throw ex;
		}
		if (result != null) {
			throttle.succeeded(user, address);
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** The connection's own address, as the form login's details recorded it ({@code getRemoteAddr()}). */
	private static String address(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return NO_ADDRESS;
	}

}
