package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.file.SitePaths.LastLink;

/**
 * Changes a site's tree: new folders, moves, deletes and permission changes, each on a name inside the open folder
 * that holds it or on the entry's own handle, never through a link.
 */
@Service
class FileChanges {

	private static final int NEW_FOLDER = 0755;

	private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");

	private final SitePaths paths;

	FileChanges(SitePaths paths) {
		this.paths = paths;
	}

	/** Creates a folder with mode 755, owned by the site's user. */
	RelativePath mkdir(long id, String path) {
		try (ConfinedPath folder = paths.resolve(id, path, LastLink.REFUSE)) {
			try {
				if (folder.isRoot() || folder.attributes() != null) {
					throw new EntryExistsException(folder + " already exists");
				}
				SiteHandle parent = folder.parent();
				parent.mkdir(folder.name(), NEW_FOLDER);
				// Through its own handle: the umask may have taken bits away, and the site's user should own it.
				try (SiteHandle made = parent.folder(folder.name())) {
					made.chmod(NEW_FOLDER);
					FileWrites.giveTo(made, paths.owner(id), paths.owner(id));
				}
				return folder.relative();
			}
			catch (IOException ex) {
				throw FileErrors.of(ex, folder);
			}
		}
	}

	/** Moves or renames a file, folder or link (as a link); the target must not exist. */
	void move(long id, String from, String to) {
		try (ConfinedPath source = paths.resolve(id, from, LastLink.ITSELF);
				ConfinedPath target = paths.resolve(id, to, LastLink.ITSELF)) {
			if (source.isRoot()) {
				throw new RejectedInputException("the site's root folder cannot be moved");
			}
			if (target.isRoot()) {
				throw new RejectedInputException("nothing can replace the site's root folder");
			}
			if (!target.relative().equals(source.relative()) && target.relative().isWithin(source.relative())) {
				throw new RejectedInputException(source + " cannot be moved into itself");
			}
			try {
				if (source.attributes() == null) {
					throw new NoSuchEntryException("no such file or folder: " + source);
				}
				if (target.attributes() != null) {
					throw new EntryExistsException(target + " already exists");
				}
				// RENAME_NOREPLACE: a target made meanwhile is refused rather than replaced.
				source.parent().rename(source.name(), target.parent(), target.name(), false);
			}
			catch (FileAlreadyExistsException ex) {
				throw new EntryExistsException(target + " already exists");
			}
			catch (IOException ex) {
				throw FileErrors.of(ex, source);
			}
		}
	}

	/**
	 * Deletes a file, a link (never what it points at) or a folder; a folder that is not empty only when recursive.
	 */
	void delete(long id, String path, boolean recursive) {
		try (ConfinedPath entry = paths.resolve(id, path, LastLink.ITSELF)) {
			if (entry.isRoot()) {
				throw new RejectedInputException("the site's root folder cannot be deleted");
			}
			try {
				SiteAttributes attributes = entry.attributes();
				if (attributes == null) {
					throw new NoSuchEntryException("no such file or folder: " + entry);
				}
				SiteHandle parent = entry.parent();
				if (!attributes.isDirectory()) {
					parent.delete(entry.name(), false);
				}
				else if (recursive) {
					TreeWalker.deleteTree(parent, entry.name());
				}
				else {
					parent.delete(entry.name(), true);
				}
			}
			catch (DirectoryNotEmptyException ex) {
				throw new FolderNotEmptyException(
						entry + " is not empty; delete it recursively to remove everything in it");
			}
			catch (IOException ex) {
				throw FileErrors.of(ex, entry);
			}
		}
	}

	/**
	 * Sets the permission bits of a file or folder.
	 * @param mode three or four octal digits without setuid, setgid or sticky bits
	 */
	void chmod(long id, String path, String mode) {
		int bits = permissions(mode);
		try (ConfinedPath entry = paths.resolve(id, path, LastLink.REFUSE)) {
			if (entry.isRoot()) {
				throw new RejectedInputException("the site's root folder keeps its permissions");
			}
			try {
				if (entry.attributes() == null) {
					throw new NoSuchEntryException("no such file or folder: " + entry);
				}
			}
			catch (IOException ex) {
				throw FileErrors.of(ex, entry);
			}
			try (SiteHandle handle = entry.parent().entry(entry.name())) {
				// Checked on the handle itself, so what is checked is what is changed.
				SiteAttributes attributes = handle.attributes();
				if (attributes.isSymbolicLink()) {
					throw new RejectedInputException(entry + " leads outside the site");
				}
				if (!attributes.isDirectory() && !attributes.isRegularFile()) {
					throw new RejectedInputException(entry + " is neither a file nor a folder");
				}
				if (attributes.isRegularFile() && attributes.links() > 1) {
					// Another name of the same file may lie outside the site; its mode is not ours to change.
					throw new RejectedInputException(
							entry + " has other hard links; its permissions cannot be changed here");
				}
				handle.chmod(bits);
			}
			catch (java.nio.file.NoSuchFileException ex) {
				throw new NoSuchEntryException("no such file or folder: " + entry);
			}
			catch (IOException ex) {
				throw FileErrors.of(ex, entry);
			}
		}
	}

	/** The permission bits a mode names, refusing anything but them. */
	static int permissions(String mode) {
		if (mode == null || !MODE.matcher(mode).matches()) {
			throw new RejectedInputException("mode must be 3 or 4 octal digits, such as 644");
		}
		int bits = Integer.parseInt(mode, 8);
		if ((bits & ~0777) != 0) {
			throw new RejectedInputException("setuid, setgid and sticky bits are not allowed");
		}
		return bits;
	}

}
