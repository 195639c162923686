package edu.tjhsst.director.shell.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The limit on failed logins per user name and per address, on a clock the test moves. */
class LoginLimiterTests {

	private final MovingClock clock = new MovingClock();

	private final LoginLimiter limiter = new LoginLimiter(5, Duration.ofMinutes(5), Duration.ofMinutes(5), clock);

	@Test
	void fiveFailuresForAUserLockThatUserOutFromAnyAddress() {
		for (int i = 0; i < 4; i++) {
			limiter.failed("alice", "10.0.0." + i);
			assertThat(limiter.allows("alice", "10.0.0.99")).isTrue();
		}
		limiter.failed("alice", "10.0.0.4");
		assertThat(limiter.allows("alice", "10.0.0.99")).isFalse();
		assertThat(limiter.allows("bob", "10.0.0.99")).isTrue();
	}

	@Test
	void fiveFailuresFromAnAddressLockThatAddressOutForEveryUser() {
		for (int i = 0; i < 5; i++) {
			limiter.failed("user" + i, "10.0.0.1");
		}
		assertThat(limiter.allows("someone", "10.0.0.1")).isFalse();
		assertThat(limiter.allows("someone", "10.0.0.2")).isTrue();
	}

	@Test
	void theLockoutEndsAfterItsTime() {
		for (int i = 0; i < 5; i++) {
			limiter.failed("alice", "10.0.0.1");
		}
		clock.advance(Duration.ofMinutes(4));
		assertThat(limiter.allows("alice", "10.0.0.1")).isFalse();
		clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(limiter.allows("alice", "10.0.0.1")).isTrue();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		for (int i = 0; i < 4; i++) {
			limiter.failed("alice", "10.0.0.1");
		}
		clock.advance(Duration.ofMinutes(6));
		limiter.failed("alice", "10.0.0.1");
		assertThat(limiter.allows("alice", "10.0.0.1")).isTrue();
	}

	/** A clock the test moves by hand. */
	private static final class MovingClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
