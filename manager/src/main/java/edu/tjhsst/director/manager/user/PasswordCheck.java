package edu.tjhsst.director.manager.user;

import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password against the stored hash, for sign-ins other than the portal's form (the SSH
 * shell server), so that the hash stays inside this package.
 */
@Component
public class PasswordCheck {

	/** Compared against when there is no such user, so that a missing account takes as long as a wrong password. */
	private final String decoyHash;

	private final UserRepository users;

	private final PasswordEncoder encoder;

	PasswordCheck(UserRepository users, PasswordEncoder encoder) {
		this.users = users;
		this.encoder = encoder;
		this.decoyHash = encoder.encode("no-such-user-" + System.nanoTime());
	}

	/** The account if the password is its own, whether or not it is enabled; empty otherwise. */
	public Optional<User> check(String username, String password) {
		Optional<String> hash = users.passwordHash(username);
		boolean matches = encoder.matches(password, hash.orElse(decoyHash));
		return hash.isPresent() && matches ? users.findByUsername(username) : Optional.empty();
	}

}
