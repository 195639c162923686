package edu.tjhsst.director.common.site;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SiteNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "ab", "my-site", "a1", "site-2-go", "abcdefghijabcdefghijabcdefghijab" })
	void wellFormedNamesAreAccepted(String name) {
		assertThat(SiteNames.problem(name)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "abcdefghijabcdefghijabcdefghijabc", "My-Site", "my_site", "-site", "site-",
			"my--site", "1site", "9", "site.name", "site name", "sité", "../etc", "a;b", "www", "admin", "api",
			"ab\n", "ab\u0000" })
	void malformedShortLongOrReservedNamesAreRefused(String name) {
		assertThat(SiteNames.problem(name)).isPresent();
	}

	@Test
	void aNameStartingWithADigitGetsItsOwnExplanation() {
		assertThat(SiteNames.problem("2fast")).hasValue("A site name must not start with a digit.");
	}

	@Test
	void hostNamesAreCheckedLabelByLabel() {
		assertThat(HostNames.isValid("alice.sites.localhost")).isTrue();
		for (String bad : List.of("", "a..b", "-a.b", "a-.b", "a.b.", "A.b", "evil.com; }", "a b", "a/b", "x".repeat(64))) {
			assertThat(HostNames.isValid(bad)).as(bad).isFalse();
		}
	}

	@Test
	void aSpecListsEveryProblemBeforeAnythingIsRendered() {
		SiteSpec spec = new SiteSpec(0, "Bad", null, List.of("ok.example", "bad host"));
		assertThat(spec.problems()).hasSize(4);
		assertThat(new SiteSpec(3, "good", SiteType.STATIC, List.of("good.sites.localhost")).problems()).isEmpty();
	}

}
