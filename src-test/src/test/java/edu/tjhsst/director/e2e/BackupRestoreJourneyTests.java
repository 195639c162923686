package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * {@code ./director backup} while sites change, and {@code ./director restore} into a fresh data directory after the
 * platform and everything it had in Docker (services, networks, the app servers) and in MariaDB are gone, as on a new
 * machine: every row of the manager's tables, every file and every site's database rows are as they were when the
 * backup was taken, and the sites serve again without a person doing anything. A damaged archive, and a data
 * directory that is not empty, are refused with a sentence, and nothing is written.
 */
@BrowserTest
class BackupRestoreJourneyTests {

	private static final int FORWARDER_PORT = Host.freePort();

	@RegisterExtension
	static final Journey JOURNEY = new Journey(Map.of("DIRECTOR_SITES_HOST_PORTS", Integer.toString(FORWARDER_PORT)));

	private static TcpForwarder forwarder;

	@AfterAll
	static void cleanUp() throws Exception {
		if (forwarder != null) {
			forwarder.close();
		}
		if (JOURNEY.platform() != null) {
			MachineMariadb.dropEverythingStartingWith(JOURNEY.platform().siteDatabasePrefix);
		}
	}

	@Test
	void aBackupTakenWhileSitesChangeRestoresEveryRowFileAndDatabaseOnAFreshMachine() throws Exception {
		Platform platform = JOURNEY.platform();
		forwarder = new TcpForwarder(Host.bridgeGateway(), FORWARDER_PORT,
				new InetSocketAddress(MachineMariadb.HOST, MachineMariadb.PORT));
		JOURNEY.portal().logIn("admin", platform.adminPassword);
		String mariadb = "Backup MariaDB " + UUID.randomUUID().toString().substring(0, 6);
		JOURNEY.portal().addMariadbHost(mariadb, Host.bridgeGateway(), forwarder.port());
		long page = JOURNEY.portal().createSite("keep-page", "static", null);
		long pgNotes = NotesApp.createSite(JOURNEY, "keep-pg");
		JOURNEY.portal().createDatabase(pgNotes, "Embedded PostgreSQL");
		long myNotes = NotesApp.createSite(JOURNEY, "keep-my");
		JOURNEY.portal().createDatabase(myNotes, mariadb);
		NotesApp.awaitRowsAbove(JOURNEY, "keep-pg", "row: written by keep-pg on postgres", 0);
		NotesApp.awaitRowsAbove(JOURNEY, "keep-my", "row: written by keep-my on mysql", 0);
		Path pageFolder = platform.data.resolve("sites").resolve(Long.toString(page));
		platform.writeSiteFiles(page, Map.of("public/index.html", "<h1>kept page</h1>\n", "private.txt", "mine\n"));
		assertThat(Host.run("ln", "-s", "index.html", pageFolder.resolve("public/home.html").toString())).isZero();
		assertThat(Host.run("ln", pageFolder.resolve("private.txt").toString(),
				pageFolder.resolve("private-too.txt").toString())).isZero();
		JOURNEY.answers().await("keep-page", "/", "kept page");
		Map<String, String> pageFiles = PlatformState.siteFiles(pageFolder);

		// While the backup runs, the two apps write a row on each request and a file is added to the page's folder
		// after another.
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger written = new AtomicInteger();
		Thread writer = new Thread(() -> {
			while (writing.get()) {
				try {
					Http.get(platform.sitesPort, "keep-pg.sites.localhost", "/");
					Http.get(platform.sitesPort, "keep-my.sites.localhost", "/");
					platform.writeSiteFiles(page, Map.of("public/n-" + written.get() + ".txt", "n\n"));
					written.incrementAndGet();
				}
				catch (Exception ex) {
					// A request refused while the load goes on is not what this journey measures.
				}
			}
		}, "backup-writer");
		writer.start();
		Path archive = Files.createTempDirectory("director-backup").resolve("platform.tar");
		Thread.sleep(1000);
		int filesBefore = written.get();
		long pgBefore = PlatformState.postgresNotes(platform, pgNotes);
		long myBefore = PlatformState.mysqlNotes(platform, myNotes);
		Instant started = Instant.now();
		Platform.Command backup = platform.command(platform.data, "backup", archive.toString());
		Duration took = Duration.between(started, Instant.now());
		long pgAfter = PlatformState.postgresNotes(platform, pgNotes);
		long myAfter = PlatformState.mysqlNotes(platform, myNotes);
		writing.set(false);
		writer.join();
		int filesAfter = written.get();
		assertThat(backup.exitCode()).as(backup.output()).isZero();
		assertThat(backup.output()).contains("backed up 3 sites");
		// Nothing of the backup is left behind: no snapshot on the sites' volume, no staging folder beside it.
		try (var left = Files.list(platform.data.resolve("sites"))) {
			assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".backup-"));
		}
		try (var left = Files.list(archive.getParent())) {
			assertThat(left.map(path -> path.getFileName().toString())).containsExactly("platform.tar");
		}
		System.out.printf("[backup] 3 sites while they changed: %.1f s, %d bytes; %d files and %d rows written meanwhile%n",
				took.toMillis() / 1000.0, Files.size(archive), filesAfter - filesBefore, pgAfter - pgBefore);
		Map<String, List<String>> managerRows = PlatformState.managerRows(platform);

		// A new machine: nothing of the platform is left in Docker or in MariaDB, and its data directory is new.
		Platform old = JOURNEY.platform();
		assertThat(JOURNEY.stop()).isZero();
		old.close();
		MachineMariadb.dropEverythingStartingWith(old.siteDatabasePrefix);
		// A new data directory the restore makes, in a folder the platform's unprivileged user may pass through.
		Path restored = Files.createTempDirectory("director-e2e-restored",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))).resolve("data");

		Path damaged = archive.resolveSibling("damaged.tar");
		Files.copy(archive, damaged);
		flipOneByteOf(damaged, "secrets.tar.gz");
		Platform.Command refused = old.command(restored, "restore", damaged.toString());
		assertThat(refused.exitCode()).isNotZero();
		assertThat(refused.output()).contains("is damaged").contains("secrets.tar.gz").doesNotContain("Exception");
		assertThat(restored).doesNotExist();

		Platform.Command restore = old.command(restored, "restore", archive.toString());
		assertThat(restore.exitCode()).as(restore.output()).isZero();
		assertThat(restore.output()).contains("restored 3 sites");
		Platform.Command again = old.command(restored, "restore", archive.toString());
		assertThat(again.exitCode()).isNotZero();
		assertThat(again.output()).contains("is not empty");

		Platform back = JOURNEY.startRestored(restored);
		assertThat(PlatformState.managerRows(back)).isEqualTo(managerRows);
		assertThat(JOURNEY.answers().await("keep-page", "/", "kept page").body()).contains("kept page");
		// The page's files as they were, and of the files added one after another, those up to some moment during
		// the backup: none missing before it, none after a gap.
		Map<String, String> files = PlatformState.siteFiles(back.data.resolve("sites").resolve(Long.toString(page)));
		Set<String> added = new TreeSet<>(files.keySet());
		added.removeAll(pageFiles.keySet());
		int kept = added.size();
		assertThat(kept).isBetween(filesBefore, filesAfter);
		for (int n = 0; n < kept; n++) {
			assertThat(files).containsKey("public/n-" + n + ".txt");
		}
		files.keySet().removeAll(added);
		assertThat(files).isEqualTo(pageFiles);

		long pgRestored = NotesApp.rowCount(JOURNEY.answers().await("keep-pg", "/", "row: written by keep-pg").body()) - 1;
		assertThat(pgRestored).isBetween(pgBefore, pgAfter);
		long myRestored = NotesApp.rowCount(JOURNEY.answers().await("keep-my", "/", "row: written by keep-my").body()) - 1;
		assertThat(myRestored).isBetween(myBefore, myAfter);
		System.out.printf("[backup] restored: %d of %d..%d files added, %d of %d..%d PostgreSQL rows, %d of %d..%d"
				+ " MySQL rows%n", kept, filesBefore, filesAfter, pgRestored, pgBefore, pgAfter, myRestored, myBefore, myAfter);

		// Accounts came back too: the admin logs in with the password of the first start.
		JOURNEY.portal().logIn("admin", back.adminPassword);
		JOURNEY.portal().screenshot("backup-restored-sites");
	}

	/** Changes one byte in the middle of a part of the (uncompressed) archive, as a bad disk or a cut copy would. */
	private static void flipOneByteOf(Path archive, String part) throws Exception {
		byte[] bytes = Files.readAllBytes(archive);
		// A tar member's data starts in the 512-byte block after its header, which starts with its name.
		int header = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(part + "\0");
		assertThat(header).as("%s in the archive", part).isNotNegative();
		int middle = header + 512 + 20;
		bytes[middle] = (byte) ~bytes[middle];
		Files.write(archive, bytes);
	}

}
