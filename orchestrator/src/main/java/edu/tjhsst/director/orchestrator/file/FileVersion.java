package edu.tjhsst.director.orchestrator.file;

import java.util.concurrent.TimeUnit;

/**
 * A file's version token: size, modification time in nanoseconds and inode. Every write through the API makes a new
 * inode, so the token changes even when size and time (which is coarse on some file systems) do not.
 */
final class FileVersion {

	private FileVersion() {
	}

	/** The token of a file with these attributes. */
	static String of(SiteAttributes attributes) {
		// FileTime saturates rather than overflows for times far from now, which a site may set.
		long nanos = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
		return attributes.size() + "-" + nanos + "-" + attributes.inode();
	}

}
