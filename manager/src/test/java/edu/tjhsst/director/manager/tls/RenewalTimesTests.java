package edu.tjhsst.director.manager.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RenewalTimesTests {

	private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

	@Test
	void aNinetyDayCertificateIsRenewedThirtyDaysBeforeItExpires() {
		Instant notAfter = NOW.plus(Duration.ofDays(90));
		assertThat(RenewalTimes.renewAt(NOW, notAfter, Duration.ofDays(30))).isEqualTo(NOW.plus(Duration.ofDays(60)));
	}

	@Test
	void aShortLivedCertificateIsRenewedAfterTwoThirdsOfItsLife() {
		Instant notAfter = NOW.plus(Duration.ofSeconds(30));
		assertThat(RenewalTimes.renewAt(NOW, notAfter, Duration.ofDays(30))).isEqualTo(NOW.plus(Duration.ofSeconds(20)));
	}

	@Test
	void failuresInARowWaitFiveMinutesThenTwiceAsLongEachTimeUpToADay() {
		assertThat(RenewalTimes.retryAt(NOW, 1, null)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
		assertThat(RenewalTimes.retryAt(NOW, 2, null)).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
		assertThat(RenewalTimes.retryAt(NOW, 5, null)).isEqualTo(NOW.plus(Duration.ofMinutes(80)));
		assertThat(RenewalTimes.retryAt(NOW, 12, null)).isEqualTo(NOW.plus(Duration.ofDays(1)));
		assertThat(RenewalTimes.retryAt(NOW, Integer.MAX_VALUE, null)).isEqualTo(NOW.plus(Duration.ofDays(1)));
	}

	@Test
	void aRateLimitedCaIsNotAskedBeforeTheTimeItNamed() {
		Instant caSays = NOW.plus(Duration.ofHours(3));
		assertThat(RenewalTimes.retryAt(NOW, 1, caSays)).isEqualTo(caSays);
		assertThat(RenewalTimes.retryAt(NOW, 1, NOW.plusSeconds(10))).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
	}

}
