package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * A caller's path resolved inside one site by {@link SitePaths}: the open folder that holds it and its name there, so
 * that operations act on handles and never walk the path again. Closing it closes the handles.
 */
final class ConfinedPath implements AutoCloseable {

	private final SiteHandle site;

	private final SiteHandle parent;

	private final RelativePath relative;

	private SiteHandle folder;

	/**
	 * @param site the site's directory, open
	 * @param parent the open folder that holds the entry (the site's directory for the root itself), or null when a
	 *        folder on the way does not exist
	 */
	ConfinedPath(SiteHandle site, SiteHandle parent, RelativePath relative) {
		this.site = site;
		this.parent = parent;
		this.relative = relative;
	}

	RelativePath relative() {
		return relative;
	}

	boolean isRoot() {
		return relative.isRoot();
	}

	/** The entry's name in {@link #parent()}; {@code .} for the root. */
	String name() {
		return isRoot() ? "." : relative.name();
	}

	/** The entry's own attributes (a link's, not its target's), or null if nothing is there. */
	SiteAttributes attributes() throws IOException {
		return parent == null ? null : parent.attributes(name());
	}

	/**
	 * The open folder that holds this entry.
	 * @throws NoSuchEntryException when that folder does not exist
	 */
	SiteHandle parent() {
		if (parent == null) {
			throw new NoSuchEntryException("no such folder: " + relative.parent());
		}
		return parent;
	}

	/**
	 * This folder, opened by handle the first time it is asked for (a link swapped in since it was resolved is
	 * refused) and the same handle after that, so that a zip's size check and its contents come from one folder.
	 * Closed with this path.
	 */
	SiteHandle folder() throws IOException {
		if (parent == null) {
			throw new NoSuchFileException(relative.toString());
		}
		if (folder == null) {
			folder = parent.folder(name());
		}
		return folder;
	}

	@Override
	public void close() {
		if (folder != null) {
			folder.close();
		}
		if (parent != null && parent != site) {
			parent.close();
		}
		site.close();
	}

	@Override
	public String toString() {
		return relative.isRoot() ? "the site's root folder" : relative.toString();
	}

}
