package edu.tjhsst.director.common.signing;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NonceCacheTests {

	private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void aNonceIsForgottenOnlyAfterItsRequestCouldNoLongerBeAccepted() {
		NonceCache cache = new NonceCache(Duration.ofSeconds(120), 10);
		assertThat(cache.firstUse("a", T0)).isTrue();
		assertThat(cache.firstUse("a", T0.plusSeconds(119))).isFalse();
		assertThat(cache.firstUse("a", T0.plusSeconds(121))).isTrue();
	}

	@Test
	void aFullCacheRefusesNewNoncesRatherThanForgettingLiveOnes() {
		NonceCache cache = new NonceCache(Duration.ofSeconds(120), 2);
		assertThat(cache.firstUse("a", T0)).isTrue();
		assertThat(cache.firstUse("b", T0)).isTrue();
		assertThat(cache.firstUse("c", T0)).isFalse();
		assertThat(cache.firstUse("c", T0.plusSeconds(121))).isTrue();
	}

}
