package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.DatabaseAccess;

/** Names of sites' databases and users, and their passwords. */
class DatabaseNamesTests {

	@Test
	void aSitesDatabaseAndUserAreThePrefixAndItsId() {
		DatabaseNames names = new DatabaseNames("site_");

		assertThat(names.forSite(42)).isEqualTo("site_42").matches(DatabaseAccess.IDENTIFIER);
		assertThat(new DatabaseNames("dev2_").forSite(7)).isEqualTo("dev2_7");
	}

	@Test
	void onlyPlainLowercasePrefixesOfAtMostSixteenCharactersAreAccepted() {
		for (String prefix : new String[] { "", "Site_", "1site", "_site", "site-", "site\"", "site;drop", "s p",
				"abcdefghijklmnopq", null }) {
			assertThatIllegalArgumentException().as(String.valueOf(prefix)).isThrownBy(() -> new DatabaseNames(prefix))
				.withMessageContaining("DIRECTOR_SITE_DATABASE_PREFIX");
		}
		assertThat(new DatabaseNames("abcdefghijklmnop").forSite(1)).isEqualTo("abcdefghijklmnop1");
	}

	@Test
	void passwordsAreTwentyFourLettersAndDigitsAndAllDifferent() {
		DatabaseNames names = new DatabaseNames("site_");
		Set<String> seen = new HashSet<>();

		for (int i = 0; i < 1000; i++) {
			String password = names.newPassword();
			assertThat(password).hasSize(24).matches("[A-Za-z0-9]{24}").matches(DatabaseAccess.PASSWORD);
			seen.add(password);
		}

		assertThat(seen).hasSize(1000);
	}

}
