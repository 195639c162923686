package edu.tjhsst.director.common.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SiteUsersTests {

	@Test
	void eachSiteHasItsOwnUidAboveTheHostsAndTheImagesUsers() {
		assertThat(SiteUsers.uid(1)).isEqualTo(100_001);
		assertThat(SiteUsers.uid(42)).isEqualTo(100_042);
		assertThat(SiteUsers.uid(2)).isNotEqualTo(SiteUsers.uid(3));
	}

	@Test
	void theLargestSiteIdStillHasAUidBelowTwoToThe31() {
		assertThat(SiteUsers.uid(SiteUsers.MAX_SITE_ID)).isEqualTo(Integer.MAX_VALUE);
		assertThat(SiteUsers.problem(SiteUsers.MAX_SITE_ID)).isEmpty();
	}

	@Test
	void anIdThatWouldOverflowTheUidIsRefusedWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> SiteUsers.uid(SiteUsers.MAX_SITE_ID + 1))
			.withMessage("id must be at most 2147383647, so that the site's uid (100000 + id) stays below 2^31");
		assertThatIllegalArgumentException().isThrownBy(() -> SiteUsers.uid(Long.MAX_VALUE));
		assertThatIllegalArgumentException().isThrownBy(() -> SiteUsers.uid(0)).withMessage("id must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> SiteUsers.uid(-5));
	}

	@Test
	void aSpecWhoseIdWouldOverflowTheUidIsRefused() {
		SiteSpec spec = new SiteSpec(SiteUsers.MAX_SITE_ID + 1, "my-site", SiteType.STATIC,
				List.of("a.sites.localhost"), null, Map.of(), SiteLimits.DEFAULTS, null);

		assertThat(spec.problems()).containsExactly(
				"id must be at most 2147383647, so that the site's uid (100000 + id) stays below 2^31");
	}

}
