package edu.tjhsst.director.orchestrator.file;

import java.time.temporal.ChronoUnit;

/**
 * One file, folder or link as the files API describes it; links are described, never followed.
 * @param name the entry's name
 * @param path its path relative to the site's root
 * @param type {@code file}, {@code dir} or {@code link}
 * @param size a file's size in bytes, a link's target's length, 0 for a folder
 * @param mode the permission bits in octal, such as {@code 644}
 * @param modified when it last changed, in UTC to the second
 */
record FileEntry(String name, String path, String type, long size, String mode, String modified) {

	/**
	 * Describes an entry, or answers null for what the API does not show (devices, pipes, sockets).
	 * @param path the entry's path relative to the site's root
	 */
	static FileEntry of(String path, SiteAttributes attributes) {
		String type = type(attributes);
		if (type == null) {
			return null;
		}
		String name = path.substring(path.lastIndexOf('/') + 1);
		return new FileEntry(name, path, type, attributes.isDirectory() ? 0 : attributes.size(), mode(attributes),
				attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
	}

	static String type(SiteAttributes attributes) {
		if (attributes.isSymbolicLink()) {
			return "link";
		}
		if (attributes.isDirectory()) {
			return "dir";
		}
		return attributes.isRegularFile() ? "file" : null;
	}

	/** The permission bits in octal, three digits. */
	static String mode(SiteAttributes attributes) {
		return String.format("%03o", attributes.permissions());
	}

}
