package edu.tjhsst.director.manager.system;

import java.security.Principal;

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
		return users.findByUsername(principal.getName())
			.orElseThrow(() -> new IllegalStateException("the signed-in account no longer exists"));
	}

}
