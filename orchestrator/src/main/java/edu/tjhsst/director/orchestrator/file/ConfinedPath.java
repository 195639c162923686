package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * A caller's path resolved inside one site and checked by {@link SitePaths} not to lead out of it.
 * @param site the site's directory
 * @param relative the path as the caller named it, relative to {@code site}
 * @param file where it is on disk
 */
record ConfinedPath(Path site, RelativePath relative, Path file) {

	boolean isRoot() {
		return relative.isRoot();
	}

	/** The entry's own attributes (a link's, not its target's), or null if nothing is there. */
	PosixFileAttributes attributes() throws IOException {
		try {
			return Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	/** The folder that holds this entry, opened so that later steps act on it by handle rather than by path. */
	SecureDirectoryStream<Path> openParent() throws IOException {
		return TreeWalker.secure(Files.newDirectoryStream(file.getParent()));
	}

	/**
	 * Opens this folder by handle: the site's root by path (it was checked not to be a link), anything else through its
	 * open parent with {@code O_NOFOLLOW}, so a link swapped in after the checks is refused.
	 */
	SecureDirectoryStream<Path> openFolder() throws IOException {
		if (isRoot()) {
			return TreeWalker.secure(Files.newDirectoryStream(file));
		}
		try (SecureDirectoryStream<Path> parent = openParent()) {
			return parent.newDirectoryStream(name(), LinkOption.NOFOLLOW_LINKS);
		}
	}

	/** The entry's name inside its parent, for use with {@link #openParent()}. */
	Path name() {
		return file.getFileName();
	}

	@Override
	public String toString() {
		return relative.isRoot() ? "the site's root folder" : relative.toString();
	}

}
