package edu.tjhsst.director.manager.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Tokens nobody can guess, in a form that survives any DNS provider's form. */
class ChallengeTokensTests {

	private final ChallengeTokens tokens = new ChallengeTokens();

	@Test
	void aTokenIsThirtyTwoLowercaseBase32Characters() {
		assertThat(tokens.next()).matches("[a-z2-7]{32}");
	}

	@Test
	void noTwoTokensAreAlike() {
		List<String> many = IntStream.range(0, 10_000).mapToObj(i -> tokens.next()).toList();

		assertThat(new HashSet<>(many)).hasSize(many.size());
	}

	@Test
	void everyPlaceOfATokenTakesEveryCharacter() {
		// Were some of the 160 bits not random, some place would keep to fewer of the 32 characters.
		List<Set<Character>> seen = IntStream.range(0, 32).mapToObj(i -> (Set<Character>) new HashSet<Character>())
			.toList();
		for (int i = 0; i < 2_000; i++) {
			String token = tokens.next();
			for (int place = 0; place < token.length(); place++) {
				seen.get(place).add(token.charAt(place));
			}
		}

		assertThat(seen).allSatisfy(characters -> assertThat(characters).hasSize(32));
	}

}
