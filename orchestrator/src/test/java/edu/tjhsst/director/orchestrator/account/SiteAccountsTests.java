package edu.tjhsst.director.orchestrator.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/** Each site's account files: its own uid named {@code site}, read-only, outside the site's folder. */
class SiteAccountsTests {

	@TempDir
	Path data;

	private SiteAccounts accounts() {
		return new SiteAccounts(new OrchestratorProperties(data, "", "", "unix:///var/run/docker.sock",
				new OrchestratorProperties.Appserver(false, "s", "n", "i", List.of(8081), Duration.ZERO, Duration.ZERO,
						Duration.ZERO, List.of()),
				DataSize.ofMegabytes(1), new OrchestratorProperties.Files(DataSize.ofMegabytes(1),
						DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1)), "", "",
				new OrchestratorProperties.Terminal(Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofSeconds(20)),
				null));
	}

	@Test
	void aSitesAccountNamesItsOwnUidSiteWithItsHomeAndIsReadOnlyOutsideTheSitesFolder() throws IOException {
		SiteAccount account = accounts().ensure(7);

		assertThat(account.uid()).isEqualTo(100_007);
		assertThat(account.user()).isEqualTo("100007:100007");
		assertThat(account.passwd()).isEqualTo(data.resolve("accounts/7/passwd"));
		assertThat(account.passwd()).hasContent("""
				root:x:0:0:root:/root:/bin/bash
				nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
				site:x:100007:100007:site:/site/.home:/bin/bash""");
		assertThat(account.group()).hasContent("root:x:0:\nnogroup:x:65534:\nsite:x:100007:");
		for (Path file : new Path[] { account.passwd(), account.group() }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--r--r--");
		}
	}

	@Test
	void repeatingKeepsTheFilesContainersMountedAndRepairsAnEditedOne() throws IOException {
		SiteAccounts accounts = accounts();
		SiteAccount account = accounts.ensure(7);
		Object mounted = Files.readAttributes(account.passwd(), "unix:ino").get("ino");
		Files.setPosixFilePermissions(account.group(), PosixFilePermissions.fromString("rw-r--r--"));
		Files.writeString(account.group(), "site:x:0:\n");

		accounts.ensure(7);

		assertThat(Files.readAttributes(account.passwd(), "unix:ino").get("ino")).isEqualTo(mounted);
		assertThat(account.group()).hasContent("root:x:0:\nnogroup:x:65534:\nsite:x:100007:");
	}

	@Test
	void removingASitesAccountLeavesTheOthers() {
		SiteAccounts accounts = accounts();
		accounts.ensure(7);
		accounts.ensure(8);

		accounts.remove(7);

		assertThat(data.resolve("accounts/7")).doesNotExist();
		assertThat(data.resolve("accounts/8/passwd")).exists();
	}

	@Test
	void aSiteIdWithoutAUidIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> accounts().ensure(3_000_000_000L))
			.withMessageContaining("id must be at most 2147383647");
	}

}
