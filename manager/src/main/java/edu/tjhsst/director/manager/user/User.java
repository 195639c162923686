package edu.tjhsst.director.manager.user;

import java.time.Instant;

/** A person with an account. The password hash never leaves the user package's repository and sign-in. */
public record User(long id, String username, String email, String fullName, Role role, boolean enabled,
		Instant createdAt) {

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

}
