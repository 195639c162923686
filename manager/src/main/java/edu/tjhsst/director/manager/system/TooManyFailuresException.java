package edu.tjhsst.director.manager.system;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused, without checking its password, because of too many failed ones from the same address. */
class TooManyFailuresException extends AuthenticationException {

	private final long minutes;

	TooManyFailuresException(String message, long minutes) {
		super(message);
		this.minutes = minutes;
	}

	/** About how many minutes the refusal lasts. */
	long minutes() {
		return minutes;
	}

}
