package edu.tjhsst.director.manager;

import edu.tjhsst.director.manager.user.Role;
import edu.tjhsst.director.manager.user.UserRepository;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Accounts the integration tests share, and requests made as a student. */
final class TestAccounts {

	private TestAccounts() {
	}

	/** Creates each named student, with the password "{noop}password-" + name, unless it exists already. */
	static void students(UserRepository users, String... names) {
		for (String name : names) {
			if (!users.existsByUsername(name)) {
				users.create(name, name + "@school.example", name, Role.STUDENT, "{noop}password-" + name);
			}
		}
	}

	/** Creates the named administrator, with the password "{noop}password-" + name, unless it exists already. */
	static void administrator(UserRepository users, String name) {
		if (!users.existsByUsername(name)) {
			users.create(name, name + "@school.example", name, Role.ADMIN, "{noop}password-" + name);
		}
	}

	/** A request made by the named student. */
	static RequestPostProcessor as(String username) {
		return SecurityMockMvcRequestPostProcessors.user(username).roles("STUDENT");
	}
}
