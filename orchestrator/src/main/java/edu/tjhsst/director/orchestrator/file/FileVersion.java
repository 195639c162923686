package edu.tjhsst.director.orchestrator.file;

import java.time.Instant;

/**
 * A file's version token: size, modification time in nanoseconds and inode. Every write through the API makes a new
 * inode, so the token changes even when size and time (which is coarse on some file systems) do not.
 */
final class FileVersion {

	private FileVersion() {
	}

	/** The token of a file with these attributes. */
	static String of(SiteAttributes attributes) {
		Instant modified = attributes.modified();
		long nanos = Math.addExact(Math.multiplyExact(modified.getEpochSecond(), 1_000_000_000L), modified.getNano());
		return attributes.size() + "-" + nanos + "-" + attributes.inode();
	}

}
