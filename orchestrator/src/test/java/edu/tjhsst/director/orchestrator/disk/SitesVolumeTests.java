package edu.tjhsst.director.orchestrator.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * The sites' volume on the real kernel (as root, with btrfs-progs, as {@code ./director test} runs): made once and
 * mounted at {@code sites/}, mounted again after the machine restarts without touching what it holds, and a plain
 * {@code sites/} from before it copied onto it, a subvolume per site, owners and links kept, the old folder kept aside.
 */
class SitesVolumeTests {

	private Path data;

	@BeforeEach
	void data() throws IOException {
		data = Files.createTempDirectory("director-volume-test").toRealPath();
	}

	@AfterEach
	void unmount() throws IOException {
		if ("btrfs".equals(Mounts.typeAt(data.resolve("sites")))) {
			HostProgram.run(Duration.ofMinutes(1), "umount", data.resolve("sites").toString());
		}
		FileSystemUtils.deleteRecursively(data);
	}

	@Test
	void aPlainSitesFolderIsCopiedOntoTheNewVolumeASubvolumePerSiteWithItsOwnersAndLinksAndKeptAside()
			throws Exception {
		Path old = Files.createDirectories(data.resolve("sites/7/public"));
		Files.writeString(old.resolve("index.html"), "<p>seven</p>");
		Files.createLink(data.resolve("sites/7/public/same.html"), old.resolve("index.html"));
		Files.createSymbolicLink(data.resolve("sites/7/public/etc"), Path.of("/etc"));
		Files.setAttribute(old.resolve("index.html"), "unix:uid", 100007);
		Files.setAttribute(data.resolve("sites/7"), "unix:uid", 100007);
		Files.createDirectories(data.resolve("sites/8/private"));

		SitesVolume volume = prepared();

		assertThat(volume.enabled()).isTrue();
		assertThat(volume.mountedNow()).isTrue();
		assertThat(Mounts.typeAt(data.resolve("sites"))).isEqualTo("btrfs");
		Path site = data.resolve("sites/7");
		assertThat(inode(site)).as("a subvolume's root").isEqualTo(256L);
		assertThat(inode(data.resolve("sites/8"))).isEqualTo(256L);
		assertThat(site.resolve("public/index.html")).hasContent("<p>seven</p>");
		assertThat(Files.getAttribute(site.resolve("public/index.html"), "unix:uid")).isEqualTo(100007);
		assertThat(Files.getAttribute(site, "unix:uid")).as("the site's folder's own owner").isEqualTo(100007);
		assertThat(Files.getAttribute(site.resolve("public/same.html"), "unix:nlink")).as("a hard link").isEqualTo(2);
		assertThat(Files.readSymbolicLink(site.resolve("public/etc"))).as("a link stays a link").isEqualTo(Path.of("/etc"));
		try (Stream<Path> entries = Files.list(data)) {
			Path aside = entries.filter(entry -> entry.getFileName().toString().startsWith("sites-before-volume-"))
				.findFirst().orElseThrow();
			assertThat(aside.resolve("7/public/index.html")).hasContent("<p>seven</p>");
		}
		assertThat(data.resolve("sites.btrfs.part")).doesNotExist();
	}

	@Test
	void aRestartedMachinesVolumeIsMountedAgainAsItWasAndAStartWithItMountedChangesNothing() throws Exception {
		prepared();
		HostProgram.run(Duration.ofMinutes(1), "btrfs", "subvolume", "create", data.resolve("sites/9").toString());
		Files.writeString(data.resolve("sites/9/kept.txt"), "kept");

		SitesVolume again = prepared();
		assertThat(again.mountedNow()).as("already mounted: the orchestrator only restarted").isFalse();
		assertThat(again.enabled()).isTrue();

		// As after a restart of the machine: nothing mounted, the folder beneath empty.
		HostProgram.run(Duration.ofMinutes(1), "umount", data.resolve("sites").toString());
		assertThat(data.resolve("sites/9")).doesNotExist();
		SitesVolume afterReboot = prepared();
		assertThat(afterReboot.mountedNow()).isTrue();
		assertThat(data.resolve("sites/9/kept.txt")).hasContent("kept");
		try (Stream<Path> entries = Files.list(data)) {
			assertThat(entries.map(entry -> entry.getFileName().toString()))
				.noneMatch(name -> name.startsWith("sites-before-volume-") || name.startsWith("sites-beneath-volume-"));
		}
	}

	@Test
	void aVolumeTheNodeMountedJustBeforeCountsAsMountedByThisStartOnce() throws Exception {
		prepared();
		// What ./director stack up leaves when it mounted the volume for an orchestrator in a container.
		Files.createDirectories(data.resolve("run"));
		Files.createFile(data.resolve(SitesVolume.MOUNTED_ON_THE_NODE));

		assertThat(prepared().mountedNow()).as("mounted on the node just before").isTrue();
		assertThat(data.resolve(SitesVolume.MOUNTED_ON_THE_NODE)).doesNotExist();
		assertThat(prepared().mountedNow()).as("the next start only restarted").isFalse();
	}

	@Test
	void aVolumeLargerThanTheDiskHasRoomForIsRefusedWithWhatToSetAndNothingIsMade() {
		SitesVolume volume = new SitesVolume(properties(DataSize.ofTerabytes(1024)));
		assertThatThrownBy(volume::afterPropertiesSet).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("would not fit").hasMessageContaining("DIRECTOR_SITES_VOLUME_SIZE");
		assertThat(data.resolve("sites.btrfs")).doesNotExist();
		assertThat(volume.enabled()).isFalse();
	}

	@Test
	void withoutAVolumeSitesStayAPlainFolderAndNothingIsLimited() throws Exception {
		SitesVolume volume = new SitesVolume(properties(DataSize.ofBytes(0)));
		volume.afterPropertiesSet();
		assertThat(volume.enabled()).isFalse();
		assertThat(Mounts.typeAt(data.resolve("sites"))).isNull();
		assertThat(data.resolve("sites.btrfs")).doesNotExist();
	}

	@Test
	void atStartASiteWithoutALimitGetsTheDefaultOneAndASiteWithOneKeepsIt() throws Exception {
		Files.createDirectories(data.resolve("sites"));
		SitesVolume volume = prepared();
		OrchestratorProperties properties = properties(DataSize.ofMegabytes(512));
		SiteDisks disks = new SiteDisks(properties, volume);
		for (long id : List.of(7L, 8L, 1007L)) {
			disks.createFolder(id);
		}
		disks.limit(7, 5);
		// A site copied onto the volume by hand has no limit; one without a folder here is left alone.
		disks.limitIfUnlimited(List.of(7L, 8L, 9L, 1007L), 100);
		assertThat(disks.usage(7).limitBytes()).as("kept").isEqualTo(5L * 1024 * 1024);
		assertThat(disks.usage(8).limitBytes()).as("the default").isEqualTo(100L * 1024 * 1024);
		assertThat(disks.usage(1007).limitBytes()).as("its name a suffix of no other").isEqualTo(100L * 1024 * 1024);
		assertThat(data.resolve("sites/9")).doesNotExist();
		// Changed by hand: a new orchestrator learns it at start, and the site's converge puts it right.
		HostProgram.run(Duration.ofMinutes(1), "btrfs", "qgroup", "limit", "3M", data.resolve("sites/7").toString());
		SiteDisks restarted = new SiteDisks(properties, volume);
		restarted.limitIfUnlimited(List.of(7L, 8L), 100);
		restarted.limit(7, 5);
		assertThat(restarted.usage(7).limitBytes()).isEqualTo(5L * 1024 * 1024);
	}

	@Test
	void theLimitsTableIsReadByEachSubvolumesPathAndLinesItCannotReadAreLeftOut() {
		String table = """
				Qgroupid    Referenced    Exclusive  Max referenced  Max exclusive   Path
				--------    ----------    ---------  --------------  -------------   ----
				0/5            1343488      1343488            none           none   <toplevel>
				0/256            16384        16384      1073741824           none   108
				0/257            16384        16384            none           none   51
				0/258            16384        16384          -12abc           none   52
				0/259            16384
				""";
		assertThat(QuotaGroupTable.limitsByPath(table)).containsOnlyKeys("<toplevel>", "108", "51")
			.containsEntry("108", 1073741824L).containsEntry("51", null);
	}

	private SitesVolume prepared() throws Exception {
		SitesVolume volume = new SitesVolume(properties(DataSize.ofMegabytes(512)));
		volume.afterPropertiesSet();
		return volume;
	}

	private static long inode(Path path) throws IOException {
		return (Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
	}

	private OrchestratorProperties properties(DataSize volume) {
		return new OrchestratorProperties(data, "", "", "unix:///var/run/docker.sock",
				new OrchestratorProperties.Appserver(false, "s", "n", "i", List.of(8081), Duration.ZERO, Duration.ZERO,
						Duration.ZERO, List.of()),
				DataSize.ofMegabytes(1), new OrchestratorProperties.Files(DataSize.ofMegabytes(1),
						DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1)), "", "",
				new OrchestratorProperties.Terminal(Duration.ofMinutes(10), Duration.ofHours(8), Duration.ofSeconds(20)),
				new OrchestratorProperties.SitesVolume(volume));
	}

}
