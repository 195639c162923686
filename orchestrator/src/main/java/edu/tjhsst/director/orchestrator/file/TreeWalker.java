package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Walks and deletes folders through open directory handles ({@code openat} with {@code O_NOFOLLOW} underneath), so no
 * link is ever followed, not even one swapped in for a folder during the walk. Folders come first, then by name.
 */
final class TreeWalker {

	/** How deep a walk goes; every level holds one open directory handle. */
	static final int MAX_DEPTH = 256;

	/** Folders first, then by name. */
	static final Comparator<Node> ORDER = Comparator.comparing((Node node) -> !node.attributes().isDirectory())
		.thenComparing(Node::name);

	private TreeWalker() {
	}

	/**
	 * One entry met on a walk.
	 * @param path the entry's path relative to the walked folder
	 * @param name the entry's name
	 * @param attributes its own attributes, a link's rather than its target's
	 * @param parent the open folder that holds it, valid only during the visit
	 */
	record Node(String path, String name, PosixFileAttributes attributes, SecureDirectoryStream<Path> parent) {

		/** Opens a regular file for reading by handle, refusing a link. */
		SeekableByteChannel open() throws IOException {
			return parent.newByteChannel(fileName(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
		}

		private Path fileName() {
			return Path.of(name);
		}

	}

	/** Sees each entry of a walk; answers false to stop it. */
	@FunctionalInterface
	interface Visitor {

		boolean visit(Node node) throws IOException;

	}

	/**
	 * Visits everything below a folder, depth-first, each folder before its contents. Folders that cannot be read are
	 * skipped.
	 * @return false if the visitor stopped the walk
	 */
	static boolean walk(ConfinedPath folder, Visitor visitor) throws IOException {
		try (SecureDirectoryStream<Path> stream = folder.openFolder()) {
			return walk(stream, "", visitor, 0);
		}
	}

	/** The entries of an open folder, in {@link #ORDER}. */
	static List<Node> entries(SecureDirectoryStream<Path> folder, String prefix) throws IOException {
		List<Node> nodes = new ArrayList<>();
		try {
			for (Path entry : folder) {
				Path name = entry.getFileName();
				try {
					PosixFileAttributes attributes = folder
						.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
						.readAttributes();
					nodes.add(new Node(prefix + name, name.toString(), attributes, folder));
				}
				catch (NoSuchFileException ex) {
					// Removed while we looked.
				}
			}
		}
		catch (DirectoryIteratorException ex) {
			throw ex.getCause();
		}
		nodes.sort(ORDER);
		return nodes;
	}

	private static boolean walk(SecureDirectoryStream<Path> folder, String prefix, Visitor visitor, int depth)
			throws IOException {
		for (Node node : entries(folder, prefix)) {
			if (!visitor.visit(node)) {
				return false;
			}
			if (node.attributes().isDirectory() && depth < MAX_DEPTH) {
				SecureDirectoryStream<Path> child;
				try {
					child = folder.newDirectoryStream(node.fileName(), LinkOption.NOFOLLOW_LINKS);
				}
				catch (IOException ex) {
					continue;
				}
				try (child) {
					if (!walk(child, node.path() + "/", visitor, depth + 1)) {
						return false;
					}
				}
			}
		}
		return true;
	}

	/** Deletes a folder and everything in it by handle; links inside are removed, never followed. */
	static void deleteTree(SecureDirectoryStream<Path> parent, Path name) throws IOException {
		deleteTree(parent, name, 0);
	}

	private static void deleteTree(SecureDirectoryStream<Path> parent, Path name, int depth) throws IOException {
		if (depth > MAX_DEPTH) {
			throw new IOException("nested more than " + MAX_DEPTH + " folders deep");
		}
		try (SecureDirectoryStream<Path> folder = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
			for (Node node : entries(folder, "")) {
				if (node.attributes().isDirectory()) {
					deleteTree(folder, node.fileName(), depth + 1);
				}
				else {
					folder.deleteFile(node.fileName());
				}
			}
		}
		parent.deleteDirectory(name);
	}

	/** The stream as a secure one; the file systems Director runs on (Linux) always provide it. */
	static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream) throws IOException {
		if (stream instanceof SecureDirectoryStream<Path> secure) {
			return secure;
		}
		stream.close();
		throw new IOException("this file system cannot open folders by handle");
	}

}
