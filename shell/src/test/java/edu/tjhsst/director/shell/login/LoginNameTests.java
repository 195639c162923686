package edu.tjhsst.director.shell.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Login names split into user and site, each part checked by whitelist. */
class LoginNameTests {

	@Test
	void aPlainNameIsAUserWithoutASite() {
		assertThat(LoginName.parse("alice")).contains(new LoginName("alice", null));
	}

	@Test
	void aPlusOrASlashNamesTheSite() {
		assertThat(LoginName.parse("alice+mysite")).contains(new LoginName("alice", "mysite"));
		assertThat(LoginName.parse("alice/my-site-2")).contains(new LoginName("alice", "my-site-2"));
		assertThat(LoginName.parse("a_b2+mysite")).contains(new LoginName("a_b2", "mysite"));
	}

	@Test
	void badUserNamesAreRefused() {
		assertThat(LoginName.parse("")).isEmpty();
		assertThat(LoginName.parse("Alice")).isEmpty();
		assertThat(LoginName.parse(".alice")).isEmpty();
		assertThat(LoginName.parse("al ice")).isEmpty();
		assertThat(LoginName.parse("alice;rm")).isEmpty();
		assertThat(LoginName.parse("a".repeat(65))).isEmpty();
		assertThat(LoginName.parse("+mysite")).isEmpty();
		assertThat(LoginName.parse(null)).isEmpty();
	}

	@Test
	void namesNoAccountCanHaveAreRefusedByTheManagersRule() {
		// The shell server once had a looser rule of its own and sent these on to the manager, which has no such user.
		assertThat(LoginName.parse("a.b_c-d+mysite")).isEmpty();
		assertThat(LoginName.parse("alice.smith")).isEmpty();
		assertThat(LoginName.parse("2alice")).isEmpty();
		assertThat(LoginName.parse("x/mysite")).isEmpty();
	}

	@Test
	void badSiteNamesAreRefused() {
		assertThat(LoginName.parse("alice+")).isEmpty();
		assertThat(LoginName.parse("alice/")).isEmpty();
		assertThat(LoginName.parse("alice+My")).isEmpty();
		assertThat(LoginName.parse("alice+../etc")).isEmpty();
		assertThat(LoginName.parse("alice+my+site")).isEmpty();
		assertThat(LoginName.parse("alice/my/site")).isEmpty();
		assertThat(LoginName.parse("alice+my/site")).isEmpty();
		assertThat(LoginName.parse("alice+admin")).isEmpty();
		assertThat(LoginName.parse("alice+2site")).isEmpty();
	}

}
