package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walks and deletes folders through open {@link SiteHandle}s, so no link is ever followed, not even one swapped in for
 * a folder during the walk. Folders come first, then by name.
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
	record Node(String path, String name, SiteAttributes attributes, SiteHandle parent) {

		/** Opens a regular file for reading by handle, refusing a link or anything else swapped in. */
		FileChannel open() throws IOException {
			return parent.read(name);
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
		return walk(folder.folder(), "", visitor, 0);
	}

	/** The entries of an open folder, in {@link #ORDER}. */
	static List<Node> entries(SiteHandle folder, String prefix) throws IOException {
		List<Node> nodes = new ArrayList<>();
		for (String name : folder.names()) {
			SiteAttributes attributes = folder.attributes(name);
			// Null: removed while we looked.
			if (attributes != null) {
				nodes.add(new Node(prefix + name, name, attributes, folder));
			}
		}
		nodes.sort(ORDER);
		return nodes;
	}

	private static boolean walk(SiteHandle folder, String prefix, Visitor visitor, int depth) throws IOException {
		for (Node node : entries(folder, prefix)) {
			if (!visitor.visit(node)) {
				return false;
			}
			if (node.attributes().isDirectory() && depth < MAX_DEPTH) {
				SiteHandle child;
				try {
					child = folder.folder(node.name());
				}
				catch (IOException ex) {
					// Gone, or swapped for a link since it was listed.
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
	static void deleteTree(SiteHandle parent, String name) throws IOException {
		deleteTree(parent, name, 0);
	}

	private static void deleteTree(SiteHandle parent, String name, int depth) throws IOException {
		if (depth > MAX_DEPTH) {
			throw new IOException("nested more than " + MAX_DEPTH + " folders deep");
		}
		try (SiteHandle folder = parent.folder(name)) {
			for (Node node : entries(folder, "")) {
				if (node.attributes().isDirectory()) {
					deleteTree(folder, node.name(), depth + 1);
				}
				else {
					folder.delete(node.name(), false);
				}
			}
		}
		parent.delete(name, true);
	}

}
