package edu.tjhsst.director.manager.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.site.SiteResources;
import edu.tjhsst.director.manager.site.SiteSettings;

/** Reading what an administrator typed into the site settings form, strictly. */
class SiteSettingsFormTests {

	@Test
	void coresSizesAndCountsAreReadInTheirUnits() {
		SiteSettings settings = parsed(new SiteSettingsForm("1.25", "1G", "64", "100M", "", "DISABLED"));

		assertThat(settings).isEqualTo(new SiteSettings(1250L, 1024L, 64L, 100L, null, SiteAvailability.DISABLED));
	}

	@Test
	void aBareNumberIsMebibytesAndUnitsMaySayIBOrB() {
		assertThat(SiteSettingsForm.mebibytes("Memory", "512", 32, 4096)).isEqualTo(512);
		assertThat(SiteSettingsForm.mebibytes("Memory", "512MiB", 32, 4096)).isEqualTo(512);
		assertThat(SiteSettingsForm.mebibytes("Memory", "2gb", 32, 4096)).isEqualTo(2048);
		assertThat(SiteSettingsForm.mebibytes("Memory", "0.5G", 32, 4096)).isEqualTo(512);
		assertThat(SiteSettingsForm.mebibytes("Memory", "65536K", 32, 4096)).isEqualTo(64);
	}

	@Test
	void blanksTakeTheDefaults() {
		SiteSettings settings = parsed(new SiteSettingsForm("", " ", null, "", "", "ENABLED"));

		assertThat(settings).isEqualTo(new SiteSettings(null, null, null, null, null, SiteAvailability.ENABLED));
		assertThat(settings.limits().memoryMiB()).isEqualTo(256);
	}

	@Test
	void aValueEqualToTheDefaultIsStoredAsTheDefault() {
		assertThat(parsed(new SiteSettingsForm("0.5", "256M", "128", "32M", "", "ENABLED")))
			.isEqualTo(new SiteSettings(null, null, null, null, null, SiteAvailability.ENABLED));
	}

	@Test
	void aNegativeMemoryIsNotASize() {
		assertThat(errors(new SiteSettingsForm("", "-1", "", "", "", "ENABLED")))
			.containsExactly(Map.entry("memory", "Memory must be a size such as 256M or 1G."));
	}

	@Test
	void tenPetabytesIsTooMuchMemory() {
		assertThat(errors(new SiteSettingsForm("", "10PB", "", "", "", "ENABLED")))
			.containsExactly(Map.entry("memory", "Memory must be at most 4G."));
	}

	@Test
	void everyFieldOutsideItsBoundsGetsItsOwnMessage() {
		assertThat(errors(new SiteSettingsForm("0.01", "16M", "2000", "2G", "", "OFF"))).containsExactly(
				Map.entry("cpu", "CPU must be at least 0.05 cores."),
				Map.entry("memory", "Memory must be at least 32M."),
				Map.entry("pids", "Processes must be between 16 and 1024."),
				Map.entry("maxBody", "The maximum request body must be at most 1G."),
				Map.entry("availability", "Choose whether the site is enabled, not served or disabled."));
		assertThat(errors(new SiteSettingsForm("5", "1.0001G", "12.5", "0.5M", "", "ENABLED"))).containsExactly(
				Map.entry("cpu", "CPU must be at most 4 cores."),
				Map.entry("memory", "Memory must be a size such as 256M or 1G."),
				Map.entry("pids", "Processes must be a whole number such as 128."),
				Map.entry("maxBody", "The maximum request body must be at least 1M."));
	}

	@Test
	void textThatIsNotANumberIsRefusedWhateverItHolds() {
		for (String hostile : new String[] { "1e3", "0x10", "256M; rm -rf /", "１２８", "NaN", "1,5", "1.5.5" }) {
			assertThat(errors(new SiteSettingsForm(hostile, hostile, hostile, hostile, hostile, "ENABLED")))
				.as(hostile).containsOnlyKeys("cpu", "memory", "pids", "maxBody", "disk");
		}
	}

	@Test
	void aBlankDiskSpaceTakesTheDefaultOfOneGibibyte() {
		SiteSettings settings = parsed(disk(""));

		assertThat(settings.diskMiB()).isNull();
		assertThat(settings.limits().diskMiB()).isEqualTo(1024);
		assertThat(parsed(disk("1G")).diskMiB()).as("the default typed out is stored as the default").isNull();
	}

	@Test
	void diskSpaceIsReadInMebibytesGibibytesOrTebibytes() {
		assertThat(parsed(disk("500M")).diskMiB()).isEqualTo(500);
		assertThat(parsed(disk("2G")).diskMiB()).isEqualTo(2048);
		assertThat(parsed(disk("1T")).diskMiB()).isEqualTo(1024 * 1024);
		assertThat(parsed(disk("1024G")).diskMiB()).isEqualTo(1024 * 1024);
		assertThat(parsed(disk("16M")).diskMiB()).isEqualTo(16);
	}

	@Test
	void diskSpaceOutsideSixteenMebibytesToOneTebibyteIsRefusedWithItsBounds() {
		assertThat(errors(disk("2T"))).containsExactly(Map.entry("disk", "Disk space must be at most 1024G."));
		assertThat(errors(disk("15M"))).containsExactly(Map.entry("disk", "Disk space must be at least 16M."));
	}

	@Test
	void diskSpaceThatIsNotASizeIsRefusedWithExamples() {
		assertThat(errors(disk("lots")))
			.containsExactly(Map.entry("disk", "Disk space must be a size such as 500M or 2G."));
	}

	@Test
	void aSitesDiskSpaceIsShownInTheFormAndTheDefaultIsOneGibibyte() {
		assertThat(SiteSettingsForm.defaults().disk()).isEqualTo("1G");
		assertThat(SiteSettingsForm.of(siteWithDisk(64L)).disk()).isEqualTo("64M");
		assertThat(SiteSettingsForm.of(siteWithDisk(1024L * 1024)).disk()).isEqualTo("1024G");
	}

	@Test
	void aFractionOfAMebibyteIsRefused() {
		assertThat(errors(new SiteSettingsForm("", "100.5M", "", "", "", "ENABLED")))
			.containsExactly(Map.entry("memory", "Memory must be a whole number of MiB, such as 100M."));
	}

	@Test
	void settingsOutsideTheBoundsCannotBeMadeEvenWithoutTheForm() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SiteSettings(null, -1L, null, null, null, SiteAvailability.ENABLED))
			.withMessageContaining("memory must be between 32 and 4096 MiB");
		assertThatIllegalArgumentException().isThrownBy(() -> new SiteSettings(null, null, null, null, null, null));
	}

	@Test
	void currentValuesAreShownInTheFormsUnits() {
		assertThat(SiteResources.cores(500)).isEqualTo("0.5");
		assertThat(SiteResources.cores(2000)).isEqualTo("2");
		assertThat(SiteSettingsForm.size(256)).isEqualTo("256M");
		assertThat(SiteSettingsForm.size(1024)).isEqualTo("1G");
	}

	private static Site siteWithDisk(long diskMiB) {
		return new Site(1, "erin", "", SiteType.STATIC, null, SiteAvailability.ENABLED,
				new SiteLimits(null, null, null, null, diskMiB), List.of(), null, Instant.EPOCH);
	}

	/** The form with only its disk space typed. */
	private static SiteSettingsForm disk(String disk) {
		return new SiteSettingsForm("", "", "", "", disk, "ENABLED");
	}

	private static SiteSettings parsed(SiteSettingsForm form) {
		SiteSettingsForm.Parsed parsed = form.parse();
		assertThat(parsed.errors()).isEmpty();
		return parsed.settings();
	}

	private static Map<String, String> errors(SiteSettingsForm form) {
		SiteSettingsForm.Parsed parsed = form.parse();
		assertThat(parsed.settings()).isNull();
		return parsed.errors();
	}

}
