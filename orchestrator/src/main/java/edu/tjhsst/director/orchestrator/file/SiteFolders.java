package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What other features do in a site's directory (its first folders and page, its removal), through {@link SiteHandle}
 * like the files API: names in an open folder, never a path walked again, so a site's process that swaps a folder for a
 * link meanwhile cannot turn a root write, mode change or delete towards anything outside.
 */
public final class SiteFolders {

	private SiteFolders() {
	}

	/** Whether anything, a link included, has this name in the directory. */
	public static boolean exists(Path directory, String name) throws IOException {
		try (SiteHandle folder = SiteHandle.openSite(directory)) {
			return folder.attributes(name) != null;
		}
	}

	/**
	 * Makes a folder in the directory unless something (a link included) has its name, and gives it its mode through
	 * its own handle, whatever the umask took away.
	 * @return whether it was made
	 */
	public static boolean ensureFolder(Path directory, String name, int mode) throws IOException {
		try (SiteHandle parent = SiteHandle.openSite(directory)) {
			try {
				parent.mkdir(name, mode);
			}
			catch (FileAlreadyExistsException ex) {
				return false;
			}
			try (SiteHandle made = parent.folder(name)) {
				made.chmod(mode);
			}
			return true;
		}
	}

	/**
	 * Writes a new file into a folder of the directory; nothing that exists is opened, and a link as the folder is
	 * refused.
	 * @param owner the user and group the file is given to, when the orchestrator may (as root)
	 */
	public static void writeNewFile(Path directory, String folderName, String name, byte[] content, int mode,
			int owner) throws IOException {
		try (SiteHandle site = SiteHandle.openSite(directory);
				SiteHandle folder = site.folder(folderName);
				SiteHandle file = folder.create(name, mode)) {
			try (FileChannel channel = file.channel(StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
			}
			file.chmod(mode);
			FileWrites.giveTo(file, owner, owner);
		}
	}

	/**
	 * Renames an entry of the directory unless the new name is taken.
	 * @return false when something already has the new name
	 */
	public static boolean renameUnlessTaken(Path directory, String from, String to) throws IOException {
		try (SiteHandle folder = SiteHandle.openSite(directory)) {
			folder.rename(from, folder, to, false);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
	}

	/** Gives a folder of the directory its mode through its own handle; a link in its place is refused. */
	public static void chmod(Path directory, String name, int mode) throws IOException {
		try (SiteHandle parent = SiteHandle.openSite(directory); SiteHandle folder = parent.folder(name)) {
			folder.chmod(mode);
		}
	}

	/** Deletes an entry of the directory, a folder with everything in it; links are removed, never followed. */
	public static void delete(Path directory, String name) throws IOException {
		try (SiteHandle parent = SiteHandle.openSite(directory)) {
			SiteAttributes attributes = parent.attributes(name);
			if (attributes == null) {
				return;
			}
			if (attributes.isDirectory()) {
				TreeWalker.deleteTree(parent, name);
			}
			else {
				parent.delete(name, false);
			}
		}
	}

}
