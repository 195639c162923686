package edu.tjhsst.director.orchestrator.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SiteNamesTests {

	@Test
	void withoutAPrefixTheNamesAreThoseOfPlatformsMadeBeforeThereWasOne() {
		SiteNames names = new SiteNames("");
		assertThat(names.service(7)).isEqualTo("site_7");
		assertThat(names.terminal(7)).isEqualTo("site_7_terminal");
		assertThat(names.imageRepository(7)).isEqualTo("director/site-7");
	}

	@Test
	void aPlatformsPrefixStartsEveryNameSoThatNoneIsAnotherPlatforms() {
		SiteNames names = new SiteNames("e2e1a2b3c4d");
		assertThat(names.service(7)).isEqualTo("e2e1a2b3c4d_site_7");
		assertThat(names.terminal(7)).isEqualTo("e2e1a2b3c4d_site_7_terminal");
		assertThat(names.imageRepository(7)).isEqualTo("director/e2e1a2b3c4d-site-7");
		assertThat(names.service(7)).isNotEqualTo(new SiteNames("").service(7));
	}

	@Test
	void aPrefixOutsideTheWhitelistIsRefusedWithTheSettingsName() {
		for (String bad : new String[] { "A", "1a", "a-b", "a_b", "a b", "abcdefghijklmnopq", "site_7;", null }) {
			assertThatThrownBy(() -> new SiteNames(bad)).as(String.valueOf(bad))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DIRECTOR_PLATFORM");
		}
	}

	@Test
	void anySitesImageOfAnyPlatformIsToldApartFromARuntime() {
		assertThat(SiteNames.isSiteImage("director/site-7:abc")).isTrue();
		assertThat(SiteNames.isSiteImage("director/e2e1a2b3c4d-site-7:abc")).isTrue();
		assertThat(SiteNames.isSiteImage("director/runtime-python:3")).isFalse();
		assertThat(SiteNames.isSiteImage("director/nginx:3")).isFalse();
	}

	@Test
	void aSiteIdBelowOneHasNoName() {
		assertThatThrownBy(() -> new SiteNames("").service(0)).isInstanceOf(IllegalArgumentException.class);
	}

}
