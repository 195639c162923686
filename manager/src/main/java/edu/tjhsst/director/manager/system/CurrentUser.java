package edu.tjhsst.director.manager.system;

import java.security.Principal;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.user.User;
import edu.tjhsst.director.manager.user.UserRepository;

/** Turns the signed-in principal into the account it belongs to. */
@Component
public class CurrentUser {

	private final UserRepository users;

	CurrentUser(UserRepository users) {
		this.users = users;
	}

	/** The account of a signed-in principal; a missing account means the session outlived it. */
	public User of(Principal principal) {
		if (principal == null) {
			throw new IllegalStateException("not signed in");
		}
		if (principal instanceof Authentication signedIn && signedIn.getPrincipal() instanceof User acting) {
			// An API call's token carries the user it acts as, which may be less than the account (see ApiTokens).
			return acting;
		}
		return users.findByUsername(principal.getName())
			.orElseThrow(() -> new IllegalStateException("the signed-in account no longer exists"));
	}

}
