package edu.tjhsst.director.orchestrator.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DiskUsage;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;

/**
 * Each site's disk space: on the sites' volume, a site's folder is a Btrfs subvolume whose quota group is limited to
 * the site's {@code diskMiB}; a write past it fails with "Disk quota exceeded", in the site's process, its shells and
 * the files API alike. Without the volume, folders are plain and nothing is limited.
 */
@Component
public class SiteDisks {

	private static final Logger log = LoggerFactory.getLogger(SiteDisks.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	/** The inode number of a Btrfs subvolume's root folder (BTRFS_FIRST_FREE_OBJECTID). */
	private static final long SUBVOLUME_ROOT_INODE = 256;

	private static final long MIB = 1024L * 1024;

	private static final Duration CLEAR_STALE_EVERY = Duration.ofMinutes(1);

	private final OrchestratorProperties properties;

	private final SitesVolume volume;

	/** Written while stale quota groups are cleared, read while a subvolume is made: the two must not interleave. */
	private final ReadWriteLock quotaGroups = new ReentrantReadWriteLock();

	/** When stale quota groups were last cleared, by {@link System#nanoTime}; written under the write lock. */
	private volatile long lastCleared = System.nanoTime() - CLEAR_STALE_EVERY.toNanos() - 1;

	/** The limit last set on each site's subvolume, in MiB. */
	private final Map<Long, Long> applied = new ConcurrentHashMap<>();

	public SiteDisks(OrchestratorProperties properties, SitesVolume volume) {
		this.properties = properties;
		this.volume = volume;
	}

	/**
	 * Makes a new site's folder: a subvolume on the volume, a plain folder without it. Quota groups left by deleted
	 * sites are cleared now and then; they hold nothing, and a new subvolume that took the id of a deleted one gets
	 * its own limit at once ({@link #limit}) in place of any the stale group had.
	 */
	public void createFolder(long id) throws IOException {
		// A new subvolume has no limit, whatever the one before it had.
		applied.remove(id);
		Path folder = properties.siteDir(id);
		if (!volume.enabled()) {
			Files.createDirectory(folder);
			return;
		}
		// Never while stale groups are cleared: a clear-up that listed the subvolumes just before another site's was
		// made would take that site's new quota group as stale and remove it (seen with a batch of new sites
		// converged at once). Subvolumes are made side by side.
		clearStaleNowAndThen();
		quotaGroups.readLock().lock();
		try {
			HostProgram.run(TIMEOUT, "btrfs", "subvolume", "create", folder.toString());
		}
		finally {
			quotaGroups.readLock().unlock();
		}
	}

	/**
	 * Clears the quota groups of deleted subvolumes, at most once a minute: a clear-up reads every quota group (0.13 s
	 * at 4,000 sites), which before every creation made creating sites one after the other quadratic.
	 */
	private void clearStaleNowAndThen() {
		if (System.nanoTime() - lastCleared <= CLEAR_STALE_EVERY.toNanos()) {
			return;
		}
		quotaGroups.writeLock().lock();
		try {
			if (System.nanoTime() - lastCleared <= CLEAR_STALE_EVERY.toNanos()) {
				return;
			}
			HostProgram.run(TIMEOUT, "btrfs", "qgroup", "clear-stale", properties.sitesDir().toString());
		}
		catch (IOException ex) {
			log.warn("cannot clear stale quota groups: {}", ex.getMessage());
		}
		finally {
			lastCleared = System.nanoTime();
			quotaGroups.writeLock().unlock();
		}
	}

	/** Holds the site's files to at most {@code mib} MiB; nothing to do without the volume. */
	public void limit(long id, long mib) throws IOException {
		Path folder = properties.siteDir(id);
		if (!volume.enabled()) {
			return;
		}
		if (!isSubvolume(folder)) {
			log.warn("the folder of site {} is not a subvolume of the sites' volume: its disk space is not limited", id);
			return;
		}
		// Each converge states the limit, the reconciler's every few seconds for every site: the program runs only
		// when the limit differs from the one this orchestrator set or found at its start (so a limit changed by hand
		// is put right after a restart).
		if (Long.valueOf(mib).equals(applied.get(id))) {
			return;
		}
		HostProgram.run(TIMEOUT, "btrfs", "qgroup", "limit", Long.toString(mib * MIB), folder.toString());
		applied.put(id, mib);
	}

	/**
	 * At start: holds each of these sites whose subvolume has no limit yet (one copied onto a new volume, before the
	 * portal converges it) to {@code mib} MiB, and notes the limit of each that has one, which it keeps.
	 */
	public void limitIfUnlimited(List<Long> ids, long mib) throws IOException {
		if (!volume.enabled()) {
			return;
		}
		// One listing of every quota group: a program for each site took minutes at 10,000 sites.
		Map<String, Long> limits = QuotaGroupTable.limitsByPath(HostProgram.run(TIMEOUT, "btrfs", "qgroup", "show",
				"-re", "--raw", properties.sitesDir().toString()));
		for (long id : ids) {
			String name = properties.siteDir(id).getFileName().toString();
			if (!limits.containsKey(name)) {
				continue;
			}
			Long bytes = limits.get(name);
			if (bytes == null) {
				try {
					limit(id, mib);
				}
				catch (IOException ex) {
					log.warn("cannot give site {} the default disk limit at start: {}", id, ex.getMessage());
				}
			}
			else if (bytes % MIB == 0) {
				// Known now, so the first converge after a start runs the program only for a limit that differs.
				applied.put(id, bytes / MIB);
			}
		}
	}

	/**
	 * How much space the site's files take, and its limit where there is one. Btrfs counts at each commit (at most 30
	 * seconds apart), so a write shows a little later.
	 * @throws NoSuchSiteException when the site has no folder
	 */
	public DiskUsage usage(long id) throws IOException {
		Path folder = properties.siteDir(id);
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			throw new NoSuchSiteException();
		}
		if (volume.enabled() && isSubvolume(folder)) {
			return QuotaGroupTable.usage(HostProgram.run(TIMEOUT, "btrfs", "qgroup", "show", "-re", "--raw", "-f",
					folder.toString()));
		}
		// du counts blocks, as the quota does, never follows a link and stays on the folder's file system.
		String total = HostProgram.run(TIMEOUT, "du", "-s", "-x", "-P", "--block-size=1", "--", folder.toString());
		return new DiskUsage(Long.parseLong(total.strip().split("\\s+")[0]), null);
	}

	/**
	 * Deletes the site's folder when it is a subvolume: at once and whatever it holds, without walking it, so no link
	 * in it matters. Answers false when the folder is not a subvolume, which the caller then deletes file by file.
	 */
	public boolean deleteSubvolume(long id) throws IOException {
		applied.remove(id);
		Path folder = properties.siteDir(id);
		if (!volume.enabled() || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !isSubvolume(folder)) {
			return false;
		}
		HostProgram.run(TIMEOUT, "btrfs", "subvolume", "delete", folder.toString());
		return true;
	}

	private static boolean isSubvolume(Path folder) throws IOException {
		Object inode = Files.getAttribute(folder, "unix:ino", LinkOption.NOFOLLOW_LINKS);
		return inode instanceof Long number && number == SUBVOLUME_ROOT_INODE;
	}

}
