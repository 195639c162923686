package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.stereotype.Service;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.file.SitePaths.LastLink;

/**
 * Saves files: atomically, with a version check, through the open folder that holds them, never through a link. A
 * save makes a new file and renames it over the old one, so it never writes into an inode another name may share.
 */
@Service
class FileWrites {

	static final int NEW_FILE = 0644;

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Writes of the same file take turns, so a version check and its rename are one step for the API. */
	private final Object[] locks = new Object[64];

	private final SitePaths paths;

	private final long maxUpload;

	FileWrites(SitePaths paths, OrchestratorProperties properties) {
		this.paths = paths;
		this.maxUpload = properties.files().maxUpload().toBytes();
		for (int i = 0; i < locks.length; i++) {
			locks[i] = new Object();
		}
	}

	/**
	 * Creates or replaces a file atomically: the body goes to a temporary file in the same folder, which is then
	 * renamed over it. A new file gets mode 644 and the site's owner; an existing one keeps its mode and owner.
	 * @param version the version the caller read, or null or empty to write whatever is there
	 * @return the file's new version
	 * @throws FileChangedException when {@code version} is not the file's current one
	 */
	String write(long id, String path, String version, InputStream body) {
		try (ConfinedPath file = paths.resolve(id, path, LastLink.REFUSE)) {
			if (file.isRoot()) {
				throw new RejectedInputException(file + " is a folder");
			}
			SiteHandle parent = file.parent();
			synchronized (locks[Math.floorMod((id + "/" + file.relative()).hashCode(), locks.length)]) {
				return write(file, parent, version, body, paths.owner(id));
			}
		}
	}

	private String write(ConfinedPath file, SiteHandle parent, String version, InputStream body, int owner) {
		try {
			SiteAttributes existing = file.attributes();
			if (existing != null && existing.isDirectory()) {
				throw new RejectedInputException(file + " is a folder");
			}
			if (existing != null && !existing.isRegularFile()) {
				throw new RejectedInputException(file + " is not a regular file");
			}
			if (version != null && !version.isEmpty()) {
				String current = existing == null ? "" : FileVersion.of(existing);
				if (!current.equals(version)) {
					throw new FileChangedException(current);
				}
			}
			return replace(file, parent, existing, body, owner);
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, file);
		}
	}

	private String replace(ConfinedPath file, SiteHandle parent, SiteAttributes existing, InputStream body, int owner)
			throws IOException {
		String temporary = ".director-" + HexFormat.of().formatHex(randomBytes()) + ".tmp";
		boolean moved = false;
		// O_CREAT | O_EXCL never opens an existing file or link.
		try (SiteHandle out = parent.create(temporary, NEW_FILE)) {
			try (FileChannel channel = out.channel(StandardOpenOption.WRITE)) {
				copy(file, body, channel);
				channel.force(true);
			}
			out.chmod(existing == null ? NEW_FILE : existing.permissions());
			giveTo(out, existing == null ? owner : existing.uid(), existing == null ? owner : existing.gid());
			parent.rename(temporary, parent, file.name(), true);
			moved = true;
			return FileVersion.of(out.attributes());
		}
		finally {
			if (!moved) {
				try {
					parent.delete(temporary, false);
				}
				catch (IOException ex) {
					// It was never made, or is gone already.
				}
			}
		}
	}

	private void copy(ConfinedPath file, InputStream body, FileChannel out) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		int read;
		while ((read = body.read(buffer)) != -1) {
			total += read;
			if (total > maxUpload) {
				throw new EntryTooLargeException(file + " is larger than the " + Sizes.mebibytes(maxUpload)
						+ " MiB a file may have when saved here");
			}
			ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
			while (chunk.hasRemaining()) {
				out.write(chunk);
			}
		}
	}

	/**
	 * Gives a new or rewritten file or folder to a user and group, when the orchestrator may (it runs as root in
	 * production); otherwise it keeps the orchestrator's.
	 */
	static void giveTo(SiteHandle entry, int uid, int gid) {
		try {
			entry.chown(uid, gid);
		}
		catch (IOException ex) {
			// Not allowed to: it keeps the orchestrator's owner.
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
