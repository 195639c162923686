package edu.tjhsst.director.common.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.login.FailureLimiter.Scope;

/** The limit on failed sign-ins per (user, address) pair and per address, on a clock the test moves. */
class FailureLimiterTests {

	private final MovingClock clock = new MovingClock();

	private final FailureLimiter limiter = new FailureLimiter(
			new FailureLimits(5, 20, Duration.ofMinutes(5), Duration.ofMinutes(5), 1000), clock);

	private boolean allows(String user, String address) {
		return limiter.refusal(user, address).isEmpty();
	}

	@Test
	void fiveFailuresLockTheUserOutFromThatAddressOnly() {
		for (int i = 0; i < 4; i++) {
			assertThat(limiter.failed("teacher", "10.0.0.1")).isEmpty();
			assertThat(allows("teacher", "10.0.0.1")).isTrue();
		}
		assertThat(limiter.failed("teacher", "10.0.0.1")).get().extracting(FailureLimiter.Lockout::scope)
			.isEqualTo(Scope.USER_FROM_ADDRESS);
		assertThat(limiter.refusal("teacher", "10.0.0.1")).get().extracting(FailureLimiter.Lockout::scope)
			.isEqualTo(Scope.USER_FROM_ADDRESS);
		assertThat(allows("teacher", "10.0.0.2")).as("the same user from another address").isTrue();
		assertThat(allows("student", "10.0.0.1")).as("another user from the same address").isTrue();
	}

	@Test
	void failuresForAUserFromManyAddressesNeverLockThatUserOut() {
		for (int i = 0; i < 100; i++) {
			limiter.failed("teacher", "10.0.1." + i);
		}
		assertThat(allows("teacher", "10.0.2.1")).isTrue();
	}

	@Test
	void twentyFailuresFromAnAddressLockItOutForEveryUser() {
		for (int i = 0; i < 19; i++) {
			assertThat(limiter.failed("user" + i, "10.0.0.1")).isEmpty();
		}
		assertThat(limiter.failed("user19", "10.0.0.1")).get().extracting(FailureLimiter.Lockout::scope)
			.isEqualTo(Scope.ADDRESS);
		assertThat(limiter.refusal("someone", "10.0.0.1")).get().extracting(FailureLimiter.Lockout::scope)
			.isEqualTo(Scope.ADDRESS);
		assertThat(allows("someone", "10.0.0.2")).isTrue();
	}

	@Test
	void theLockoutEndsAfterItsTimeAndSaysHowManyMinutesAreLeft() {
		for (int i = 0; i < 5; i++) {
			limiter.failed("alice", "10.0.0.1");
		}
		clock.advance(Duration.ofSeconds(61));
		assertThat(limiter.refusal("alice", "10.0.0.1")).get()
			.extracting(lockout -> lockout.message(clock.instant()))
			.isEqualTo("Too many failed sign-ins from your address; try again in 4 minutes.");
		clock.advance(Duration.ofMinutes(3));
		assertThat(allows("alice", "10.0.0.1")).isFalse();
		clock.advance(Duration.ofMinutes(1));
		assertThat(allows("alice", "10.0.0.1")).isTrue();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		for (int i = 0; i < 4; i++) {
			limiter.failed("alice", "10.0.0.1");
		}
		clock.advance(Duration.ofMinutes(6));
		limiter.failed("alice", "10.0.0.1");
		assertThat(allows("alice", "10.0.0.1")).isTrue();
	}

	@Test
	void aSuccessClearsThePairButNotTheAddress() {
		for (int i = 0; i < 4; i++) {
			limiter.failed("alice", "10.0.0.1");
		}
		limiter.succeeded("alice", "10.0.0.1");
		limiter.failed("alice", "10.0.0.1");
		assertThat(allows("alice", "10.0.0.1")).as("the pair started again").isTrue();
		// An attacker who signs in to an account of their own between guesses does not reset the address.
		for (int i = 0; i < 15; i++) {
			limiter.failed("victim" + i, "10.0.0.1");
			limiter.succeeded("attacker", "10.0.0.1");
		}
		assertThat(allows("attacker", "10.0.0.1")).isFalse();
	}

	@Test
	void aSuccessDoesNotLiftALockout() {
		for (int i = 0; i < 5; i++) {
			limiter.failed("alice", "10.0.0.1");
		}
		limiter.succeeded("alice", "10.0.0.1");
		assertThat(allows("alice", "10.0.0.1")).isFalse();
	}

	@Test
	void memoryStaysBoundedWhateverAttackersSend() {
		FailureLimiter small = new FailureLimiter(
				new FailureLimits(5, 20, Duration.ofMinutes(5), Duration.ofMinutes(5), 100), clock);
		for (int i = 0; i < 10_000; i++) {
			small.failed("x".repeat(1000) + i, "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256));
		}
		assertThat(small.tracked()).isLessThanOrEqualTo(100);
	}

	@Test
	void aFloodOfNewAddressesDoesNotLiftALockout() {
		FailureLimiter small = new FailureLimiter(
				new FailureLimits(5, 20, Duration.ofMinutes(5), Duration.ofMinutes(5), 100), clock);
		for (int i = 0; i < 5; i++) {
			small.failed("teacher", "192.0.2.7");
		}
		for (int i = 0; i < 10_000; i++) {
			small.failed("x" + i, "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256));
		}
		assertThat(small.refusal("teacher", "192.0.2.7")).as("the lockout after the flood").isPresent();
		assertThat(small.tracked()).isLessThanOrEqualTo(100);
	}

	@Test
	void limitsThatMakeNoSenseAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FailureLimits(0, 20, Duration.ofMinutes(5), Duration.ofMinutes(5), 1000));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FailureLimits(5, 20, Duration.ZERO, Duration.ofMinutes(5), 1000));
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
