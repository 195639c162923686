package edu.tjhsst.director.manager.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sizes a site's page shows for its disk use. */
class SiteDiskTests {

	@Test
	void sizesAreShownInStepsOf1024WithAtMostOneDecimal() {
		assertThat(SiteDisk.size(3_355_443)).isEqualTo("3.2 MB");
		assertThat(SiteDisk.size(1024L * 1024 * 1024)).isEqualTo("1 GB");
		assertThat(SiteDisk.size(1536)).isEqualTo("1.5 KB");
		assertThat(SiteDisk.size(1024L * 1024 * 1024 * 1024)).isEqualTo("1 TB");
		assertThat(SiteDisk.size(10L * 1024 * 1024)).isEqualTo("10 MB");
	}

	@Test
	void fewerThan1024BytesAreCountedInBytes() {
		assertThat(SiteDisk.size(0)).isEqualTo("0 bytes");
		assertThat(SiteDisk.size(1)).isEqualTo("1 byte");
		assertThat(SiteDisk.size(1023)).isEqualTo("1023 bytes");
	}

	@Test
	void aSizeThatRoundsUpToTheNextUnitIsShownInIt() {
		assertThat(SiteDisk.size(1024L * 1024 - 1)).isEqualTo("1 MB");
		assertThat(SiteDisk.size(1024L * 1024 * 1024 - 1)).isEqualTo("1 GB");
	}

}
