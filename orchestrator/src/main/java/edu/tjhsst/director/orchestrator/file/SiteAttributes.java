package edu.tjhsst.director.orchestrator.file;

import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * An entry's own attributes as {@code statx(2)} gives them, a link's rather than its target's.
 * @param mode the type and permission bits
 * @param size the size in bytes; a link's target's length
 * @param inode the inode number
 * @param links how many names the inode has
 * @param uid the owner
 * @param gid the group
 * @param modified when the contents last changed
 */
record SiteAttributes(int mode, long size, long inode, int links, int uid, int gid, Instant modified) {

	private static final int TYPE = 0170000;

	boolean isDirectory() {
		return (mode & TYPE) == 0040000;
	}

	boolean isRegularFile() {
		return (mode & TYPE) == 0100000;
	}

	boolean isSymbolicLink() {
		return (mode & TYPE) == 0120000;
	}

	/** The permission bits, such as {@code 0644}. */
	int permissions() {
		return mode & 0777;
	}

	FileTime lastModifiedTime() {
		return FileTime.from(modified);
	}

}
