package edu.tjhsst.director.shell.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import edu.tjhsst.director.common.shell.ShellSite;
import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteType;

import static org.assertj.core.api.Assertions.assertThat;

class SiteMenuTests {

	private static final List<ShellSite> SITES = List.of(
			new ShellSite(1, "alpha", SiteType.STATIC, SiteAvailability.ENABLED),
			new ShellSite(2, "beta", null, SiteAvailability.DISABLED));

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@Test
	void aTerminalSeesTheSitesAndChoosesOneByNumberWithItsTypingEchoed() throws IOException {
		assertThat(choose(true, "2\r")).contains("beta");

		assertThat(shown()).isEqualTo("Your sites:\r\n1) alpha (static)\r\n2) beta (site, disabled)\r\n"
				+ "Choose a site (number or name): 2\r\n");
	}

	@Test
	void aNameIsChosenAfterBackspacesAndAnUnknownNameIsSaidToBeUnknown() throws IOException {
		assertThat(choose(true, "gamma\ralphx\u007fa\r")).contains("alpha");

		assertThat(shown()).contains("There is no site \"gamma\" in the list.\r\n")
			.endsWith("Choose a site (number or name): alphx\b \ba\r\n");
	}

	@Test
	void ctrlCOrCtrlDOnAnEmptyLineOrTheEndOfInputLeavesWithoutASite() throws IOException {
		assertThat(choose(true, "al\u0003")).isEmpty();
		assertThat(shown()).endsWith("al^C\r\n");
		assertThat(choose(true, "\u0004")).isEmpty();
		assertThat(choose(false, "al")).isEmpty();
	}

	@Test
	void withoutATerminalNothingIsEchoedAndLinesEndInNewlines() throws IOException {
		assertThat(choose(false, "\n  alpha  \n")).contains("alpha");

		assertThat(shown()).isEqualTo("Your sites:\n1) alpha (static)\n2) beta (site, disabled)\n"
				+ "Choose a site (number or name): Choose a site (number or name): ");
	}

	@Test
	void anAnswerLongerThanAnyNameIsCutShort() throws IOException {
		assertThat(choose(false, "x".repeat(100) + "\n")).isEmpty();

		assertThat(shown()).contains("There is no site \"" + "x".repeat(64) + "\" in the list.");
	}

	@Test
	void aSessionThatEndedAsksNothing() throws IOException {
		Optional<String> chosen = new SiteMenu(input("1\n"), out, false).choose(SITES, () -> true);

		assertThat(chosen).isEmpty();
		assertThat(shown()).doesNotContain("Choose a site");
	}

	private Optional<String> choose(boolean tty, String typed) throws IOException {
		out.reset();
		return new SiteMenu(input(typed), out, tty).choose(SITES, () -> false);
	}

	private static ByteArrayInputStream input(String typed) {
		return new ByteArrayInputStream(typed.getBytes(StandardCharsets.US_ASCII));
	}

	private String shown() {
		return out.toString(StandardCharsets.UTF_8);
	}

}
