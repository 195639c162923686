package edu.tjhsst.director.common.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one user-name rule, which the manager, the shell server and terminal grants all check by. */
class UserNamesTests {

	@Test
	void namesAnAccountCanHaveAreValid() {
		assertThat(UserNames.isValid("alice")).isTrue();
		assertThat(UserNames.isValid("al")).isTrue();
		assertThat(UserNames.isValid("student_2027")).isTrue();
		assertThat(UserNames.isValid("a" + "b".repeat(31))).isTrue();
	}

	@Test
	void namesNoAccountCanHaveAreRefused() {
		assertThat(UserNames.isValid(null)).isFalse();
		assertThat(UserNames.isValid("")).isFalse();
		assertThat(UserNames.isValid("a")).isFalse();
		assertThat(UserNames.isValid("a" + "b".repeat(32))).isFalse();
		assertThat(UserNames.isValid("Alice")).isFalse();
		assertThat(UserNames.isValid("al ice")).isFalse();
		assertThat(UserNames.isValid("alice;rm")).isFalse();
		assertThat(UserNames.isValid("alice\n")).isFalse();
	}

	@Test
	void namesTheShellServerOnceAcceptedButNoAccountCanHaveAreRefused() {
		// The shell server's own copy of the rule let these through to the manager, which could never find them.
		assertThat(UserNames.isValid("a.b")).isFalse();
		assertThat(UserNames.isValid("a-b")).isFalse();
		assertThat(UserNames.isValid("2alice")).isFalse();
		assertThat(UserNames.isValid("x")).isFalse();
		assertThat(UserNames.isValid("a".repeat(40))).isFalse();
	}

}
