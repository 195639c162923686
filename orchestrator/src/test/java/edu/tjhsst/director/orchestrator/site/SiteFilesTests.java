package edu.tjhsst.director.orchestrator.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.disk.SiteDisks;
import edu.tjhsst.director.orchestrator.disk.SitesVolume;

/**
 * A site's directory on disk: created readable for Nginx, given to the site's own user, never overwritten, deleted
 * without following links.
 */
class SiteFilesTests {

	@TempDir
	Path data;

	private SiteFiles files() {
		OrchestratorProperties properties = new OrchestratorProperties(data, "", "", "unix:///var/run/docker.sock",
				new OrchestratorProperties.Appserver(false, "s", "n", "i", List.of(8081), Duration.ZERO, Duration.ZERO,
						Duration.ZERO, List.of()),
				DataSize.ofMegabytes(1), new OrchestratorProperties.Files(DataSize.ofMegabytes(1),
						DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1)), "", "",
				new OrchestratorProperties.Terminal(Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofSeconds(20)),
				null);
		// Without the sites' volume (not prepared): plain folders, as on a platform without disk limits.
		return new SiteFiles(properties, new SiteDisks(properties, new SitesVolume(properties)));
	}

	private static SiteSpec spec(String name) {
		return new SiteSpec(5, name, SiteType.STATIC, List.of(name + ".sites.localhost"));
	}

	@Test
	void aNewSiteGetsItsDirectoriesAPrivateFolderAndHomeOnlyItsUserReadsAndADefaultPageEveryoneCanRead()
			throws IOException {
		files().ensure(spec("alpha"));

		Path site = data.resolve("sites/5");
		assertThat(site.resolve("public")).isDirectory();
		assertThat(site.resolve("private")).isDirectory();
		assertThat(site.resolve(".home")).isDirectory();
		assertThat(site.resolve(".new-public")).doesNotExist();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("public"))))
			.isEqualTo("rwxr-xr-x");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("private"))))
			.as("the site's own user's alone").isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve(".home"))))
			.isEqualTo("rwx------");
		Path index = site.resolve("public/index.html");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(index))).isEqualTo("rw-r--r--");
		assertThat(Files.readString(index)).contains("The site alpha is ready").contains("public/index.html");
	}

	@Test
	void aSitesPrivateFolderAndHomeFromBeforeAreClosedToOthersOnTheNextConverge() throws IOException {
		Path site = Files.createDirectories(data.resolve("sites/5"));
		for (String folder : new String[] { "private", ".home" }) {
			Files.createDirectory(site.resolve(folder));
			Files.setPosixFilePermissions(site.resolve(folder), PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		files().ensure(spec("alpha"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("private"))))
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve(".home"))))
			.isEqualTo("rwx------");
	}

	@Test
	void aLinkTheSitePutInPlaceOfItsPrivateFolderNeitherFailsItsConvergeNorChangesWhatItPointsAt() throws IOException {
		files().ensure(spec("alpha"));
		Path site = data.resolve("sites/5");
		Path elsewhere = Files.createDirectories(data.resolve("elsewhere"));
		Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.move(site.resolve("private"), site.resolve("p"));
		Files.createSymbolicLink(site.resolve("private"), elsewhere);

		files().ensure(spec("alpha"));

		assertThat(Files.isSymbolicLink(site.resolve("private"))).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere))).isEqualTo("rwxr-xr-x");
	}

	@Test
	void aSitesOwnDirectoriesAndDefaultPageGoToTheSitesOwnUserButNotWhatItsOwnerPutThere() throws IOException {
		SiteFiles files = files();
		files.ensure(spec("alpha"));
		Path own = Files.writeString(data.resolve("sites/5/public/own.html"), "mine");

		files.handOver(5, false);

		Path site = data.resolve("sites/5");
		for (Path dir : List.of(site, site.resolve("public"), site.resolve("private"), site.resolve(".home"))) {
			assertThat(owner(dir)).as(dir.toString()).isEqualTo("100005:100005");
		}
		assertThat(owner(site.resolve("public/index.html"))).isEqualTo("100005:100005");
		assertThat(owner(own)).isEqualTo("0:0");
		assertThat(files.ownedBySite(5)).isTrue();
	}

	@Test
	void filesOfTheSharedUidMoveToTheSitesOwnWithoutFollowingALinkOut() throws Exception {
		Path outside = Files.createDirectories(data.resolve("outside"));
		Path outsideFile = Files.writeString(outside.resolve("passwd"), "root:x:0:0");
		Path sharedOutside = Files.writeString(outside.resolve("other-site.txt"), "another site's");
		chown(sharedOutside, 1000);
		SiteFiles files = files();
		files.ensure(spec("alpha"));
		Path site = data.resolve("sites/5");
		Path deep = Files.createDirectories(site.resolve("private/a/b/c"));
		Path file = Files.writeString(deep.resolve("data.txt"), "mine");
		Files.createLink(site.resolve("private/hard-link.txt"), file);
		Path fileLink = Files.createSymbolicLink(site.resolve("public/etc-passwd"), outsideFile);
		Path folderLink = Files.createSymbolicLink(site.resolve("private/a/outside"), outside);
		Path fifo = site.resolve("private/a/fifo");
		assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
		assertThat(new ProcessBuilder("chown", "-R", "-h", "1000:1000", site.toString()).start().waitFor()).isZero();
		assertThat(files.ownedBySite(5)).isFalse();

		files.handOver(5, false);

		assertThat(owner(outsideFile)).as("the target of a link to a root's file").isEqualTo("0:0");
		assertThat(owner(outside)).as("the target of a link to a folder").isEqualTo("0:0");
		assertThat(owner(sharedOutside)).as("a file of the shared uid outside the site").isEqualTo("1000:1000");
		try (var entries = Files.walk(site)) {
			for (Path entry : entries.toList()) {
				assertThat(owner(entry)).as(entry.toString()).isEqualTo("100005:100005");
			}
		}
		assertThat(owner(fileLink)).isEqualTo("100005:100005");
		assertThat(owner(folderLink)).isEqualTo("100005:100005");
		assertThat(owner(fifo)).isEqualTo("100005:100005");
		assertThat(files.ownedBySite(5)).isTrue();
	}

	@Test
	void aSiteThatIsItsUsersAlreadyIsNotWalkedAgain() throws Exception {
		SiteFiles files = files();
		files.ensure(spec("alpha"));
		files.handOver(5, false);
		Path left = Files.writeString(data.resolve("sites/5/private/left.txt"), "left");
		chown(left, 1000);

		files.handOver(5, false);

		assertThat(owner(left)).isEqualTo("1000:1000");
	}

	@Test
	void aMoveCutShortIsFinishedByTheNextHandOver() throws Exception {
		SiteFiles files = files();
		files.ensure(spec("alpha"));
		Path site = data.resolve("sites/5");
		Path left = Files.writeString(site.resolve("private/left.txt"), "left");
		chown(left, 1000);
		// As a walk cut short leaves it: the folder's owner moved, its group not yet.
		Files.setAttribute(site, "unix:uid", 100_005);

		files.handOver(5, false);

		assertThat(owner(left)).isEqualTo("100005:100005");
		assertThat(owner(site)).isEqualTo("100005:100005");
	}

	private static void chown(Path file, int uid) throws IOException {
		Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
		Files.setAttribute(file, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
	}

	private static String owner(Path file) throws IOException {
		return Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
				+ Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
	}

	@Test
	void theDefaultPageEscapesTheName() throws IOException {
		files().ensure(spec("a<b>"));

		assertThat(Files.readString(data.resolve("sites/5/public/index.html")))
			.contains("a&lt;b&gt;")
			.doesNotContain("a<b>");
	}

	@Test
	void repeatingNeverOverwritesTheUsersFiles() throws IOException {
		files().ensure(spec("alpha"));
		Path index = data.resolve("sites/5/public/index.html");
		Files.writeString(index, "mine");
		Files.delete(data.resolve("sites/5/private"));

		files().ensure(spec("alpha"));

		assertThat(index).hasContent("mine");
		assertThat(data.resolve("sites/5/private")).isDirectory();
	}

	@Test
	void deletingRemovesTheSiteButNotWhatItsLinksPointAt() throws IOException {
		Path outside = Files.createDirectories(data.resolve("outside"));
		Files.writeString(outside.resolve("keep.txt"), "keep");
		files().ensure(spec("alpha"));
		Files.createSymbolicLink(data.resolve("sites/5/public/escape"), outside);
		Files.createSymbolicLink(data.resolve("sites/5/private/file-link"), outside.resolve("keep.txt"));

		files().delete(5);

		assertThat(data.resolve("sites/5")).doesNotExist();
		assertThat(outside.resolve("keep.txt")).hasContent("keep");
	}

	@Test
	void aSiteDirectoryThatIsALinkIsRemovedAsALink() throws IOException {
		Path outside = Files.createDirectories(data.resolve("outside"));
		Files.writeString(outside.resolve("keep.txt"), "keep");
		Files.createDirectories(data.resolve("sites"));
		Files.createSymbolicLink(data.resolve("sites/5"), outside);

		files().delete(5);

		assertThat(Files.exists(data.resolve("sites/5"), LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(outside.resolve("keep.txt")).hasContent("keep");
	}

	@Test
	void deletingASiteThatIsGoneDoesNothing() {
		files().delete(77);

		assertThat(data.resolve("sites/77")).doesNotExist();
	}

	@Test
	void aSiteProcessSwappingItsFoldersForLinksWhileTheyAreMadeOrDeletedNeverGetsARootWriteOrDeleteOutside()
			throws Exception {
		Path outside = Files.createDirectories(data.resolve("outside"));
		Files.createDirectories(outside.resolve("sub"));
		Files.writeString(outside.resolve("sub/keep.txt"), "keep");
		Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwx------"));
		Path site = data.resolve("sites/5");
		SiteFiles files = files();
		files.ensure(spec("alpha"));
		AtomicBoolean running = new AtomicBoolean(true);
		Thread attacker = new Thread(() -> {
			// What the site's process may do: put links where the orchestrator makes, fills and deletes folders.
			while (running.get()) {
				for (String name : List.of(".new-public", "public", "private", ".home")) {
					try {
						Path folder = site.resolve(name);
						Path aside = site.resolve(name + "-aside");
						Files.move(folder, aside);
						Files.createSymbolicLink(folder, outside);
						Files.delete(folder);
						Files.move(aside, folder);
					}
					catch (IOException | RuntimeException ex) {
						// Not there right now: the orchestrator is between steps.
					}
				}
			}
		});
		attacker.start();
		int rounds = 0;
		try {
			long end = System.currentTimeMillis() + 5_000;
			while (System.currentTimeMillis() < end) {
				try {
					// Only the code under test touches the site: anything else by path would follow the links itself.
					files.ensure(spec("alpha"));
					files.delete(5);
				}
				catch (RuntimeException ex) {
					// Refused or raced: what matters is that nothing outside changed.
				}
				rounds++;
			}
		}
		finally {
			running.set(false);
			attacker.join();
		}

		assertThat(rounds).isGreaterThan(100);
		try (Stream<Path> left = Files.walk(outside)) {
			assertThat(left.map(outside::relativize).map(Path::toString)).containsExactlyInAnyOrder("", "sub",
					"sub/keep.txt");
		}
		assertThat(outside.resolve("sub/keep.txt")).hasContent("keep");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside))).isEqualTo("rwx------");
	}

}
