package edu.tjhsst.director.manager.system;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.login.FailureLimiter;

/**
 * The portal's limit on failed sign-ins per (user name, client address) and per client address, shared by the
 * sign-in form and the SSH shell server's password checks, so neither is a way around the other. Addresses are the
 * connection's own ({@code request.getRemoteAddr()}): X-Forwarded-For is never trusted, so behind a reverse proxy
 * every client shares the proxy's address and the address limit applies to them together.
 */
@Component
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private final FailureLimiter limiter;

	LoginThrottle(LoginLimitProperties properties, ObjectProvider<Clock> clock) {
		// A Clock bean exists only in tests, which move it instead of waiting out a lockout.
		this.limiter = new FailureLimiter(properties.limits(), clock.getIfAvailable(Clock::systemUTC));
	}

	/** A refused attempt: about how many minutes are left, and what the person is told. */
	public record Refusal(long minutes, String message) {
	}

	/**
	 * Why an attempt for this user from this address is refused without checking its password; empty when it may go
	 * ahead.
	 * @param how what is being signed in to, for the log ("portal", "SSH")
	 */
	public Optional<Refusal> refusal(String user, String address, String how) {
		return limiter.refusal(user, address).map(lockout -> {
			log.warn("{} sign-in of {} from {} refused without checking the password: locked out ({}) until {}", how,
					loggable(user), address, lockout.scope(), lockout.until());
			return new Refusal(lockout.minutesLeft(limiter.now()), lockout.message(limiter.now()));
		});
	}

	/** Counts a failed sign-in, and logs a lockout when it starts one. */
	public void failed(String user, String address, String how) {
		limiter.failed(user, address).ifPresent(lockout -> log.warn(
				"{} sign-ins {} from {} are refused until {} after too many failures", how,
				lockout.scope() == FailureLimiter.Scope.ADDRESS ? "for every user" : "for " + loggable(user), address,
				lockout.until()));
	}

	/** Forgets this pair's failures after a sign-in with the right password. */
	public void succeeded(String user, String address) {
		limiter.succeeded(user, address);
	}

	/** The user name as typed, if it could be an account's; anything else (line breaks included) is not logged. */
	private static String loggable(String user) {
		return user != null && user.matches("^[A-Za-z0-9_.@+-]{1,64}$") ? user : "(a name no account has)";
	}

	/** The message for a refusal with about this many minutes left, never more than a whole lockout. */
	String message(long minutes) {
		long most = Math.max(1, limiter.limits().lockout().toMinutes());
		return FailureLimiter.message(Math.min(Math.max(1, minutes), most));
	}

}
