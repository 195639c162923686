package edu.tjhsst.director.orchestrator.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

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

}
