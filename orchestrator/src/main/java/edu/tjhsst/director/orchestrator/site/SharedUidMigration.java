package edu.tjhsst.director.orchestrator.site;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import edu.tjhsst.director.orchestrator.disk.HostProgram;

/**
 * Moves a site's files from uid and gid {@value #SHARED_UID}, which every site shared before each had its own user,
 * to the site's own; what else they hold (root's files, a link's target outside) is left as it is.
 */
final class SharedUidMigration {

	/** The uid and gid every site's process, terminal and files used before. */
	static final int SHARED_UID = 1000;

	/** A school's largest site, walked twice, with room to spare. */
	private static final Duration TIMEOUT = Duration.ofHours(1);

	private SharedUidMigration() {
	}

	/**
	 * Gives everything in the site's tree, its root included, that belongs to the shared uid to the site's uid, and
	 * what belongs to the shared group to the site's group. GNU chown does the walk with directory handles (openat
	 * with O_NOFOLLOW, fchownat with AT_SYMLINK_NOFOLLOW, and with {@code --from} it opens a file only with
	 * O_NONBLOCK|O_NOFOLLOW and checks it is the one it saw), so no link is followed, not even one the site swaps in
	 * for a folder during the walk, a planted FIFO does not block it, and no depth exhausts it. A hard link is changed
	 * with the file it names, which is inside the site's folder: a site's containers see only that folder, and the
	 * kernel refuses a hard link across mounts. The JDK's SecureDirectoryStream changes an owner by opening the entry,
	 * which fails on a link and waits on a FIFO; hence the program.
	 * <p>
	 * Cost: each pass reads the status of every entry once and changes only the shared uid's: measured 0.7 s for each
	 * of the two passes over 100,000 files on a local disk (more on NFS); callers run it once per site.
	 * @throws IOException when chown fails; the tree may then be partly moved, and a second run finishes it
	 */
	static void migrate(Path site, int uid) throws IOException {
		chown(site, "--from=" + SHARED_UID, Integer.toString(uid));
		chown(site, "--from=:" + SHARED_UID, ":" + uid);
	}

	private static void chown(Path site, String from, String to) throws IOException {
		// -P: never traverse a link; -h: change a link itself. Options end before the path.
		HostProgram.run(TIMEOUT, "chown", "-R", "-P", "-h", from, to, "--", site.toString());
	}

}
