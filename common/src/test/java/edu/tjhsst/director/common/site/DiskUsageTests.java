package edu.tjhsst.director.common.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiskUsageTests {

	private static final long MIB = 1024L * 1024;

	@Test
	void aSiteWithLessThanAMebibyteOrAHundredthOfItsLimitLeftIsFull() {
		assertThat(new DiskUsage(31 * MIB + MIB / 2, 32 * MIB).full()).as("half a MiB left of 32").isTrue();
		assertThat(new DiskUsage(30 * MIB, 32 * MIB).full()).as("2 MiB left of 32").isFalse();
		assertThat(new DiskUsage(1015 * MIB, 1024 * MIB).full()).as("9 MiB left of 1 GiB").isTrue();
		assertThat(new DiskUsage(1000 * MIB, 1024 * MIB).full()).as("24 MiB left of 1 GiB").isFalse();
		assertThat(new DiskUsage(40 * MIB, 32 * MIB).full()).as("past it").isTrue();
	}

	@Test
	void aSiteWithoutALimitIsNeverFull() {
		assertThat(new DiskUsage(1L << 40, null).full()).isFalse();
	}

}
