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

/** A site's directory on disk: created readable for Nginx, never overwritten, deleted without following links. */
class SiteFilesTests {

	@TempDir
	Path data;

	private SiteFiles files() {
		return new SiteFiles(new OrchestratorProperties(data, "", "", "unix:///var/run/docker.sock",
				new OrchestratorProperties.Appserver(false, "s", "n", "i", 8081, Duration.ZERO, Duration.ZERO),
				DataSize.ofMegabytes(1), new OrchestratorProperties.Files(DataSize.ofMegabytes(1),
						DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1)), "", "",
				new OrchestratorProperties.Terminal(Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofSeconds(20))));
	}

	private static SiteSpec spec(String name) {
		return new SiteSpec(5, name, SiteType.STATIC, List.of(name + ".sites.localhost"));
	}

	@Test
	void aNewSiteGetsItsDirectoriesAndADefaultPageEveryoneCanRead() throws IOException {
		files().ensure(spec("alpha"));

		Path site = data.resolve("sites/5");
		assertThat(site.resolve("public")).isDirectory();
		assertThat(site.resolve("private")).isDirectory();
		assertThat(site.resolve(".home")).isDirectory();
		assertThat(site.resolve(".new-public")).doesNotExist();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site.resolve("public"))))
			.isEqualTo("rwxr-xr-x");
		Path index = site.resolve("public/index.html");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(index))).isEqualTo("rw-r--r--");
		assertThat(Files.readString(index)).contains("The site alpha is ready").contains("public/index.html");
	}

	@Test
	void aSitesOwnDirectoriesAndDefaultPageGoToTheSitesUserButNotWhatItsOwnerPutThere() throws IOException {
		SiteFiles files = files();
		files.ensure(spec("alpha"));
		Path own = Files.writeString(data.resolve("sites/5/public/own.html"), "mine");

		files.handOver(5, 1000);

		Path site = data.resolve("sites/5");
		for (Path dir : List.of(site, site.resolve("public"), site.resolve("private"), site.resolve(".home"))) {
			assertThat(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(dir.toString()).isEqualTo(1000);
			assertThat(Files.getAttribute(dir, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(dir.toString()).isEqualTo(1000);
		}
		assertThat(Files.getAttribute(site.resolve("public/index.html"), "unix:uid")).isEqualTo(1000);
		assertThat(Files.getAttribute(own, "unix:uid")).isEqualTo(0);
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
