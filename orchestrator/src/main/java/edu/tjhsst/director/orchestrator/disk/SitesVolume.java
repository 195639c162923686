package edu.tjhsst.director.orchestrator.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * Puts {@code sites/} on the sites' volume before anything else starts: a Btrfs file system with quotas, in one file
 * whose blocks are reserved on the disk, mounted with a loop device. The kernel keeps the mount when the orchestrator stops or dies, so sites go on
 * being served; after the machine restarts, the orchestrator's start mounts it again, and says so
 * ({@link #mountedNow()}) so that what Docker started on the empty folder beneath is restarted. A plain {@code sites/}
 * from before the volume is copied onto it, one subvolume per site, and kept aside.
 * <p>
 * Btrfs, not ext4 or XFS quotas: the kernels this runs on have no quota formats for those (no CONFIG_QFMT_V2, no
 * CONFIG_XFS_QUOTA), while Btrfs's quota groups are part of Btrfs itself.
 */
@Component
public class SitesVolume implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(SitesVolume.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

	/** Copying every site's files onto a new volume, once. */
	private static final Duration COPY_TIMEOUT = Duration.ofHours(6);

	/** Left by ./director stack up when it mounted the volume on the node, for the next start to find. */
	static final String MOUNTED_ON_THE_NODE = "run/sites-volume-mounted";

	/** Below this, mkfs.btrfs refuses or leaves no room for files. */
	private static final DataSize MIN_SIZE = DataSize.ofMegabytes(256);

	private final OrchestratorProperties properties;

	private volatile boolean enabled;

	private volatile boolean mountedNow;

	public SitesVolume(OrchestratorProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() throws IOException {
		Path sites = properties.sitesDir();
		if ("btrfs".equals(Mounts.typeAt(sites))) {
			HostProgram.run(COMMAND_TIMEOUT, "btrfs", "quota", "enable", sites.toString());
			enabled = true;
			// Mounted on the node just before this start (by ./director stack up, for an orchestrator in a container,
			// which cannot mount): what Docker started before saw the folder beneath, as after this start's own mount.
			mountedNow = Files.deleteIfExists(properties.data().resolve(MOUNTED_ON_THE_NODE));
			log.info("sites' files are on the Btrfs volume at {}; each site's disk space is limited", sites);
			return;
		}
		OrchestratorProperties.SitesVolume settings = properties.sitesVolume();
		if (!settings.wanted()) {
			log.warn("sites' files are in a plain folder ({}): sites' disk space is NOT limited "
					+ "(DIRECTOR_SITES_VOLUME_SIZE is 0)", sites);
			return;
		}
		Path image = properties.sitesVolumeImage();
		if (!Files.exists(image, LinkOption.NOFOLLOW_LINKS)) {
			create(image, settings.size(), sites);
		}
		if (Files.isDirectory(sites, LinkOption.NOFOLLOW_LINKS) && !SiteIds.in(sites).isEmpty()) {
			// Copied onto the volume by a start cut short before it moved them, or written while the volume was off:
			// the volume holds the sites' files now; these are kept, not hidden beneath it.
			moveAside(sites, "sites-beneath-volume-");
		}
		mount(image, sites);
		HostProgram.run(COMMAND_TIMEOUT, "btrfs", "quota", "enable", sites.toString());
		enabled = true;
		mountedNow = true;
		log.info("mounted the sites' volume {} at {}; each site's disk space is limited", image, sites);
	}

	/** Whether {@code sites/} is on the volume, so that each site is a subvolume whose space may be limited. */
	public boolean enabled() {
		return enabled;
	}

	/**
	 * Whether {@code sites/} holds the sites now: the volume is mounted on it, or, without a volume, it is a folder.
	 * Whatever goes by whether a site's folder exists asks this first, or every site could look gone.
	 */
	public boolean inPlace() {
		Path sites = properties.sitesDir();
		return enabled ? "btrfs".equals(Mounts.typeAt(sites)) : Files.isDirectory(sites, LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * Whether this start mounted the volume: what Docker started before (after the machine restarted, or on the old
	 * folder before the volume) saw the folder beneath and must start again.
	 */
	public boolean mountedNow() {
		return mountedNow;
	}

	/**
	 * Makes the volume's file and file system under another name, copies the sites' folders of a plain
	 * {@code sites/} onto it, then renames it into place: a start cut short leaves no half-made volume, and the next
	 * start makes it again from the start. The plain folder is moved aside after that, never deleted.
	 */
	private void create(Path image, DataSize size, Path sites) throws IOException {
		if (size.compareTo(MIN_SIZE) < 0) {
			throw new IllegalStateException("the sites' volume must be at least 256MB (DIRECTOR_SITES_VOLUME_SIZE is "
					+ size + "); or 0 for none");
		}
		long free = Files.getFileStore(properties.data()).getUsableSpace();
		// Checked first, for a sentence that says what to set; fallocate would refuse too.
		if (free < size.toBytes()) {
			throw new IllegalStateException("the sites' volume of " + size.toMegabytes() + " MiB would not fit in the "
					+ free / (1024 * 1024) + " MiB free under " + properties.data()
					+ ": set DIRECTOR_SITES_VOLUME_SIZE lower, or 0 for no disk limits");
		}
		Path part = image.resolveSibling(image.getFileName() + ".part");
		unmountAll(setup());
		Files.deleteIfExists(part);
		Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		// Every block reserved now: a sparse file could find the disk full when it grows (a database, Docker's
		// images, logs), and then the file system fails for every site. -K: mkfs would give the blocks back.
		HostProgram.run(COMMAND_TIMEOUT, "fallocate", "-l", Long.toString(size.toBytes()), part.toString());
		HostProgram.run(COMMAND_TIMEOUT, "mkfs.btrfs", "-q", "-f", "-K", "-L", "director-sites", part.toString());
		List<String> copied = Files.isDirectory(sites, LinkOption.NOFOLLOW_LINKS) ? copyOnto(part, sites) : List.of();
		Files.move(part, image, StandardCopyOption.ATOMIC_MOVE);
		log.info("made the sites' volume {}: {} MiB, reserved on the disk", image, size.toMegabytes());
		if (!copied.isEmpty()) {
			moveAside(sites, "sites-before-volume-");
			log.warn("copied the files of {} sites onto the sites' volume", copied.size());
		}
	}

	/** Copies each site's folder into a subvolume of its own (owners, modes, times and links as they are). */
	private List<String> copyOnto(Path part, Path sites) throws IOException {
		List<String> names = SiteIds.in(sites).stream().map(id -> Long.toString(id)).toList();
		if (names.isEmpty()) {
			return names;
		}
		Path setup = setup();
		Files.createDirectories(setup);
		HostProgram.run(COMMAND_TIMEOUT, "mount", "-o", "loop,noatime", part.toString(), setup.toString());
		try {
			for (String name : names) {
				Path target = setup.resolve(name);
				HostProgram.run(COMMAND_TIMEOUT, "btrfs", "subvolume", "create", target.toString());
				// -a keeps owners, modes, times, hard links and links as links; "/." gives the folder's own owner
				// and mode to the subvolume's root.
				HostProgram.run(COPY_TIMEOUT, "cp", "-a", "--reflink=never", "--", sites.resolve(name) + "/.",
						target + "/");
			}
		}
		finally {
			HostProgram.run(COMMAND_TIMEOUT, "umount", setup.toString());
		}
		Files.delete(setup);
		return names;
	}

	/** Where a new volume is mounted while the sites' folders are copied onto it. */
	private Path setup() {
		return properties.data().resolve("sites-volume-setup");
	}

	/** Unmounts whatever a start cut short left mounted there, one mount over another included. */
	private static void unmountAll(Path where) throws IOException {
		while (Mounts.typeAt(where) != null) {
			HostProgram.run(COMMAND_TIMEOUT, "umount", where.toString());
		}
	}

	private void moveAside(Path sites, String prefix) throws IOException {
		Path aside = properties.data().resolve(prefix + Instant.now().getEpochSecond());
		Files.move(sites, aside, StandardCopyOption.ATOMIC_MOVE);
		log.warn("the plain folder of sites' files {} is kept at {} until you remove it", sites, aside);
	}

	private static void mount(Path image, Path sites) throws IOException {
		if (!Files.isDirectory(sites, LinkOption.NOFOLLOW_LINKS)) {
			Files.createDirectory(sites);
		}
		Files.setPosixFilePermissions(sites, PosixFilePermissions.fromString("rwxr-xr-x"));
		// No discard: the file keeps its blocks, reserved for the sites, when they delete files.
		try {
			HostProgram.run(COMMAND_TIMEOUT, "mount", "-o", "loop,noatime", image.toString(), sites.toString());
		}
		catch (IOException ex) {
			// A container has no loop devices: the Swarm stack's orchestrator needs the volume mounted on its node.
			throw new IOException("cannot mount the sites' volume " + image + " at " + sites + " (an orchestrator in a "
					+ "container cannot: mount it on the node first, as ./director stack up does): " + ex.getMessage(),
					ex);
		}
		Files.setPosixFilePermissions(sites, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

}
