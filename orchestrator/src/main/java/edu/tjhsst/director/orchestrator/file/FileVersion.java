package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A file's version token: size, modification time in nanoseconds and inode. Every write through the API makes a new
 * inode, so the token changes even when size and time (which is coarse on some file systems) do not.
 */
final class FileVersion {

	private FileVersion() {
	}

	/** The current token of a file, a link's own if it is one. */
	static String of(Path file) throws IOException {
		Map<String, Object> attributes = Files.readAttributes(file, "unix:size,lastModifiedTime,ino",
				LinkOption.NOFOLLOW_LINKS);
		long nanos = ((FileTime) attributes.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
		return attributes.get("size") + "-" + nanos + "-" + attributes.get("ino");
	}

}
