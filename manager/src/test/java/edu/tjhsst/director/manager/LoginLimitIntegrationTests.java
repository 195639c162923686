package edu.tjhsst.director.manager;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import edu.tjhsst.director.common.testing.SlowTest;
import edu.tjhsst.director.manager.user.UserRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

/**
 * The limit on failed sign-ins to the portal (defaults: 5 per user and address, 20 per address, within 5 minutes, then
 * 5 minutes refused), with the client's address set on each request and a clock the test moves.
 */
@SpringBootTest
@AutoConfigureMockMvc
@SlowTest
class LoginLimitIntegrationTests {

	@RegisterExtension
	static final StandInComponents COMPONENTS = new StandInComponents(LoginLimitIntegrationTests.class);

	private static final String LOCKED = "Too many failed sign-ins from your address; try again in 5 minutes.";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserRepository users;

	@Autowired
	MovingClock clock;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		COMPONENTS.register(registry);
	}

	/** The limiter's clock, which only these tests move. */
	@TestConfiguration
	static class Clocks {

		@Bean
		MovingClock clock() {
			return new MovingClock();
		}

	}

	@BeforeEach
	void accounts() {
		TestAccounts.students(users, "alice", "bob", "carol", "dave", "erin", "frank");
	}

	/** A sign-in through the form from the given client address. */
	private ResultActions signIn(String user, String password, String address) throws Exception {
		return mvc.perform(post("/login").param("username", user).param("password", password).with(csrf())
			.with(request -> {
				request.setRemoteAddr(address);
				return request;
			}));
	}

	private String signedInTo(String user, String password, String address) throws Exception {
		return signIn(user, password, address).andReturn().getResponse().getHeader("Location");
	}

	private void failFiveTimes(String user, String address) throws Exception {
		for (int i = 1; i <= 5; i++) {
			signIn(user, "guess " + i, address).andExpect(header().string("Location", "/login?error"));
		}
	}

	@Test
	void afterFiveWrongPasswordsTheRightOneFromTheSameAddressIsRefusedWithTheReason() throws Exception {
		failFiveTimes("alice", "10.1.0.1");
		signIn("alice", "password-alice", "10.1.0.1").andExpect(header().string("Location", "/login?locked=5"));
		String page = mvc.perform(get("/login?locked=5")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(LOCKED);
		// A link cannot make the page say more than a lockout lasts, nor put anything else on it.
		assertThat(mvc.perform(get("/login?locked=99999")).andReturn().getResponse().getContentAsString())
			.contains(LOCKED);
		assertThat(mvc.perform(get("/login?locked=<b>x</b>")).andReturn().getResponse().getContentAsString())
			.contains("try again in 1 minute.").doesNotContain("<b>x");
	}

	@Test
	void theSameUserCanStillSignInFromAnotherAddress() throws Exception {
		failFiveTimes("bob", "10.2.0.1");
		assertThat(signedInTo("bob", "password-bob", "10.2.0.1")).isEqualTo("/login?locked=5");
		assertThat(signedInTo("bob", "password-bob", "10.2.0.2")).isEqualTo("/sites");
	}

	@Test
	void anotherUserFromTheSameAddressIsRefusedAfterTwentyFailuresFromIt() throws Exception {
		failFiveTimes("carol", "10.3.0.1");
		assertThat(signedInTo("dave", "password-dave", "10.3.0.1")).as("one user's five failures lock out only her")
			.isEqualTo("/sites");
		for (int i = 0; i < 15; i++) {
			signIn("nobody" + i, "guess", "10.3.0.1");
		}
		assertThat(signedInTo("dave", "password-dave", "10.3.0.1")).isEqualTo("/login?locked=5");
		assertThat(signedInTo("dave", "password-dave", "10.3.0.2")).isEqualTo("/sites");
	}

	@Test
	void theLockoutEndsAfterFiveMinutes() throws Exception {
		failFiveTimes("erin", "10.4.0.1");
		clock.advance(Duration.ofMinutes(4));
		assertThat(signedInTo("erin", "password-erin", "10.4.0.1")).isEqualTo("/login?locked=1");
		clock.advance(Duration.ofMinutes(1));
		assertThat(signedInTo("erin", "password-erin", "10.4.0.1")).isEqualTo("/sites");
	}

	@Test
	void aSuccessfulSignInStartsTheCountAgain() throws Exception {
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 4; i++) {
				signIn("frank", "guess " + i, "10.5.0.1").andExpect(header().string("Location", "/login?error"));
			}
			assertThat(signedInTo("frank", "password-frank", "10.5.0.1")).isEqualTo("/sites");
		}
	}

}
