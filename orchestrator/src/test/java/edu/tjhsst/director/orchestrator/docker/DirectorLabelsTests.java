package edu.tjhsst.director.orchestrator.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Director's labels: made, and read back to tell whose an object is. */
class DirectorLabelsTests {

	@Test
	void aSitesObjectCarriesTheManagedRoleAndSiteLabels() {
		assertThat(DirectorLabels.of("terminal", 42)).containsExactlyInAnyOrderEntriesOf(
				Map.of("director.managed", "true", "director.role", "terminal", "director.site", "42"));
		assertThat(DirectorLabels.of("appserver")).containsExactlyInAnyOrderEntriesOf(
				Map.of("director.managed", "true", "director.role", "appserver"));
		assertThat(DirectorLabels.managed()).containsExactlyInAnyOrderEntriesOf(Map.of("director.managed", "true"));
	}

	@Test
	void onlyTheLabelsOfTheSiteInTheRoleAreTheSites() {
		Map<String, String> labels = DirectorLabels.of("site-network", 42);

		assertThat(DirectorLabels.isSite(labels, "site-network", 42)).isTrue();
		assertThat(DirectorLabels.isSite(labels, 42)).isTrue();
		assertThat(DirectorLabels.isSite(labels, "terminal", 42)).isFalse();
		assertThat(DirectorLabels.isSite(labels, 4)).isFalse();
		assertThat(DirectorLabels.isSite(Map.of("director.site", "42"), 42)).as("not made by Director").isFalse();
		assertThat(DirectorLabels.isManaged(null)).isFalse();
	}

	@Test
	void theSiteIsReadWhenItIsANumber() {
		assertThat(DirectorLabels.site(DirectorLabels.of("terminal", 42))).contains(42L);
		assertThat(DirectorLabels.site(Map.of("director.site", "x"))).isEmpty();
		assertThat(DirectorLabels.site(Map.of())).isEmpty();
	}

}
