package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Service;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.file.SitePaths.LastLink;

/** Everything that reads a site's files: listings, the whole tree, contents, downloads, usage and a fingerprint. */
@Service
class FileReads {

	/** The most entries {@link #tree(long)} returns. */
	static final int MAX_TREE_ENTRIES = 50_000;

	/** How much of a file's start is searched for a NUL byte. */
	private static final int BINARY_PROBE_BYTES = 8 * 1024;

	private final SitePaths paths;

	private final OrchestratorProperties.Files limits;

	FileReads(SitePaths paths, OrchestratorProperties properties) {
		this.paths = paths;
		this.limits = properties.files();
	}

	/** A folder's entries, folders first, then by name. */
	Listing list(long id, String path) {
		try (ConfinedPath folder = paths.resolve(id, path, LastLink.REFUSE)) {
			return list(folder);
		}
	}

	private static Listing list(ConfinedPath folder) {
		try {
			requireFolder(folder);
			String prefix = folder.isRoot() ? "" : folder.relative() + "/";
			List<FileEntry> entries = new ArrayList<>();
			for (TreeWalker.Node node : TreeWalker.entries(folder.folder(), prefix)) {
				FileEntry entry = FileEntry.of(node.path(), node.attributes());
				if (entry != null) {
					entries.add(entry);
				}
			}
			return new Listing(folder.relative().toString(), entries);
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, folder);
		}
	}

	/** Every entry below the site's root, depth-first, at most {@value #MAX_TREE_ENTRIES}. */
	Tree tree(long id) {
		List<FileEntry> entries = new ArrayList<>();
		try (ConfinedPath root = paths.resolve(id, "", LastLink.REFUSE)) {
			boolean complete = TreeWalker.walk(root, node -> {
				FileEntry entry = FileEntry.of(node.path(), node.attributes());
				if (entry == null) {
					return true;
				}
				if (entries.size() == MAX_TREE_ENTRIES) {
					return false;
				}
				entries.add(entry);
				return true;
			});
			return new Tree(entries, !complete);
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, "the site's root folder");
		}
	}

	/** A file's contents for the editor, with its version; refused above {@code director.files.max-read}. */
	Content content(long id, String path) {
		try (ConfinedPath file = paths.resolve(id, path, LastLink.REFUSE)) {
			return content(file);
		}
	}

	private Content content(ConfinedPath file) {
		try {
			requireFile(file);
			long max = limits.maxRead().toBytes();
			String version;
			byte[] bytes;
			try (SiteHandle handle = file.parent().entry(file.name())) {
				SiteAttributes attributes = handle.requireRegularFile();
				if (attributes.size() > max) {
					throw tooLargeToOpen(file, attributes.size());
				}
				// The version is taken first, of this very inode: if it changes while read, saving with it is refused.
				version = FileVersion.of(attributes);
				try (InputStream in = Channels.newInputStream(handle.channel(StandardOpenOption.READ))) {
					bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
				}
			}
			if (bytes.length > max) {
				throw tooLargeToOpen(file, bytes.length);
			}
			return new Content(bytes, version, isBinary(bytes));
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, file);
		}
	}

	/** Opens any regular file for download; refused above {@code director.files.max-download}. */
	Download download(long id, String path) {
		try (ConfinedPath file = paths.resolve(id, path, LastLink.REFUSE)) {
			return download(file);
		}
	}

	private Download download(ConfinedPath file) {
		try {
			requireFile(file);
			long max = limits.maxDownload().toBytes();
			FileChannel channel = file.parent().read(file.name());
			long size = channel.size();
			if (size > max) {
				channel.close();
				throw new EntryTooLargeException(file + " is too large to download (" + Sizes.mebibytes(size)
						+ " MiB; the limit is " + Sizes.mebibytes(max) + " MiB)");
			}
			return new Download(file.relative().name(), size, channel);
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, file);
		}
	}

	/** The bytes and number of the site's regular files; links are not followed. */
	Usage usage(long id) {
		long[] totals = new long[2];
		try (ConfinedPath root = paths.resolve(id, "", LastLink.REFUSE)) {
			TreeWalker.walk(root, node -> {
				if (node.attributes().isRegularFile()) {
					totals[0] += node.attributes().size();
					totals[1]++;
				}
				return true;
			});
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, "the site's root folder");
		}
		return new Usage(totals[0], totals[1]);
	}

	/** A hash over every entry's path, type, size, mode and time: it changes when anything in the site does. */
	Fingerprint fingerprint(long id) {
		MessageDigest digest = sha256();
		try (ConfinedPath root = paths.resolve(id, "", LastLink.REFUSE)) {
			TreeWalker.walk(root, node -> {
				SiteAttributes attributes = node.attributes();
				String line = node.path() + '\0' + Objects.requireNonNullElse(FileEntry.type(attributes), "other")
						+ '\0' + attributes.size() + '\0' + attributes.lastModifiedTime().toInstant() + '\0'
						+ FileEntry.mode(attributes) + '\n';
				digest.update(line.getBytes(StandardCharsets.UTF_8));
				return true;
			});
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, "the site's root folder");
		}
		return new Fingerprint(HexFormat.of().formatHex(digest.digest()));
	}

	/** Whether bytes are binary: a NUL byte near the start, or anything that is not UTF-8. */
	static boolean isBinary(byte[] bytes) {
		for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE_BYTES); i++) {
			if (bytes[i] == 0) {
				return true;
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return false;
		}
		catch (CharacterCodingException ex) {
			return true;
		}
	}

	static void requireFolder(ConfinedPath folder) throws IOException {
		SiteAttributes attributes = folder.attributes();
		if (attributes == null) {
			throw new NoSuchEntryException("no such folder: " + folder);
		}
		if (!attributes.isDirectory()) {
			throw new RejectedInputException(folder + " is not a folder");
		}
	}

	private static SiteAttributes requireFile(ConfinedPath file) throws IOException {
		SiteAttributes attributes = file.attributes();
		if (attributes == null) {
			throw new NoSuchEntryException("no such file: " + file);
		}
		if (attributes.isDirectory()) {
			throw new RejectedInputException(file + " is a folder");
		}
		if (!attributes.isRegularFile()) {
			throw new RejectedInputException(file + " is not a regular file");
		}
		return attributes;
	}

	private static EntryTooLargeException tooLargeToOpen(ConfinedPath file, long size) {
		return new EntryTooLargeException(file + " is too large to open in the editor (" + Sizes.mebibytes(size)
				+ " MiB); download it instead");
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * A folder's listing.
	 * @param path the folder, relative to the site's root
	 * @param entries its entries, folders first, then by name
	 */
	record Listing(String path, List<FileEntry> entries) {
	}

	/**
	 * The whole tree of a site.
	 * @param entries every entry, depth-first, each folder before its contents
	 * @param truncated whether entries stop at {@value FileReads#MAX_TREE_ENTRIES}
	 */
	record Tree(List<FileEntry> entries, boolean truncated) {
	}

	/**
	 * A file's contents for the editor.
	 * @param bytes the contents
	 * @param version the version to send back when saving
	 * @param binary whether it holds a NUL byte near the start or is not UTF-8
	 */
	record Content(byte[] bytes, String version, boolean binary) {
	}

	/**
	 * An open file to stream to the caller, who closes it.
	 * @param name the file's name
	 * @param size its size when opened
	 * @param channel the open file
	 */
	record Download(String name, long size, SeekableByteChannel channel) {
	}

	/**
	 * How much a site stores.
	 * @param bytes the total size of its regular files
	 * @param files how many regular files it has
	 */
	record Usage(long bytes, long files) {
	}

	/**
	 * A value that changes when anything in a site changes.
	 * @param fingerprint a SHA-256 in hex
	 */
	record Fingerprint(String fingerprint) {
	}

}
