package edu.tjhsst.director.manager.token;

import org.springframework.security.core.AuthenticationException;

/** A call's token does not work, and why: only the holder of the token learns it. */
class TokenRefusedException extends AuthenticationException {

	TokenRefusedException(String message) {
		super(message);
	}

}
