package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.api.BadRequestException;
import edu.tjhsst.director.orchestrator.api.ConflictException;
import edu.tjhsst.director.orchestrator.api.NotFoundException;
import edu.tjhsst.director.orchestrator.api.TooLargeException;
import edu.tjhsst.director.orchestrator.file.SitePaths.LastLink;

/**
 * Everything that changes a site's files: atomic writes with version checks, new folders, moves, deletes and
 * permission changes. Each acts on the last segment through its open parent folder, never through a link.
 */
@Service
class FileWrites {

	private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

	private static final Set<PosixFilePermission> NEW_FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

	private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");

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
	 * renamed over it. A new file gets mode 644; an existing one keeps its mode and owner.
	 * @param version the version the caller read, or null or empty to write whatever is there
	 * @return the file's new version
	 * @throws FileChangedException when {@code version} is not the file's current one
	 */
	String write(long id, String path, String version, InputStream body) {
		ConfinedPath file = paths.resolve(id, path, LastLink.REFUSE);
		if (file.isRoot()) {
			throw new BadRequestException(file + " is a folder");
		}
		try {
			requireParent(file);
			synchronized (locks[Math.floorMod(file.file().hashCode(), locks.length)]) {
				PosixFileAttributes existing = file.attributes();
				if (existing != null && existing.isDirectory()) {
					throw new BadRequestException(file + " is a folder");
				}
				if (existing != null && !existing.isRegularFile()) {
					throw new BadRequestException(file + " is not a regular file");
				}
				if (version != null && !version.isEmpty()) {
					String current = existing == null ? "" : FileVersion.of(file.file());
					if (!current.equals(version)) {
						throw new FileChangedException(current);
					}
				}
				try (SecureDirectoryStream<Path> parent = file.openParent()) {
					replace(id, file, parent, existing, body);
				}
				return FileVersion.of(file.file());
			}
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, file);
		}
	}

	private void replace(long id, ConfinedPath file, SecureDirectoryStream<Path> parent,
			PosixFileAttributes existing, InputStream body) throws IOException {
		Path temporary = Path.of(".director-" + HexFormat.of().formatHex(randomBytes()) + ".tmp");
		boolean moved = false;
		try {
			// CREATE_NEW (O_EXCL) never opens an existing file or link.
			try (SeekableByteChannel out = parent.newByteChannel(temporary,
					Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
					PosixFilePermissions.asFileAttribute(NEW_FILE))) {
				copy(file, body, out);
				if (out instanceof FileChannel channel) {
					channel.force(true);
				}
			}
			PosixFileAttributeView view = parent.getFileAttributeView(temporary, PosixFileAttributeView.class,
					LinkOption.NOFOLLOW_LINKS);
			view.setPermissions(existing == null ? NEW_FILE : existing.permissions());
			if (existing != null) {
				keepOwner(view, existing);
			}
			else {
				giveToSite(view, id);
			}
			parent.move(temporary, parent, file.name());
			moved = true;
		}
		finally {
			if (!moved) {
				try {
					parent.deleteFile(temporary);
				}
				catch (IOException ex) {
					// It was never made, or is gone already.
				}
			}
		}
	}

	private void copy(ConfinedPath file, InputStream body, SeekableByteChannel out) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		int read;
		while ((read = body.read(buffer)) != -1) {
			total += read;
			if (total > maxUpload) {
				throw new TooLargeException(file + " is larger than the " + Sizes.mebibytes(maxUpload)
						+ " MiB a file may have when saved here");
			}
			ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
			while (chunk.hasRemaining()) {
				out.write(chunk);
			}
		}
	}

	/** Gives a rewritten file back to its owner, when the orchestrator may (it runs as root in production). */
	private static void keepOwner(PosixFileAttributeView view, PosixFileAttributes existing) {
		try {
			PosixFileAttributes now = view.readAttributes();
			if (!now.owner().equals(existing.owner())) {
				view.setOwner(existing.owner());
			}
			if (!now.group().equals(existing.group())) {
				view.setGroup(existing.group());
			}
		}
		catch (IOException ex) {
			// Not allowed to: the file keeps the orchestrator's owner, as any new file does.
		}
	}

	/**
	 * Gives a new file or folder to the site's own user, which its process and shells run as, so they may change what
	 * their owner made in the portal, when the orchestrator may (it runs as root in production).
	 */
	private static void giveToSite(PosixFileAttributeView view, long id) {
		try {
			UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
			String uid = Integer.toString(SiteUsers.uid(id));
			view.setOwner(users.lookupPrincipalByName(uid));
			view.setGroup(users.lookupPrincipalByGroupName(uid));
		}
		catch (IOException ex) {
			// Not allowed to: it keeps the orchestrator's owner.
		}
	}

	/** Creates a folder with mode 755, owned by the sites' user. */
	RelativePath mkdir(long id, String path) {
		ConfinedPath folder = paths.resolve(id, path, LastLink.REFUSE);
		try {
			if (folder.isRoot() || folder.attributes() != null) {
				throw new ConflictException(folder + " already exists");
			}
			requireParent(folder);
			try (SecureDirectoryStream<Path> parent = folder.openParent()) {
				Files.createDirectory(folder.file(), PosixFilePermissions.asFileAttribute(NEW_FOLDER));
				// Through the open parent and O_NOFOLLOW, in case the umask took bits away.
				PosixFileAttributeView view = parent.getFileAttributeView(folder.name(), PosixFileAttributeView.class,
						LinkOption.NOFOLLOW_LINKS);
				view.setPermissions(NEW_FOLDER);
				giveToSite(view, id);
			}
			return folder.relative();
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, folder);
		}
	}

	/** Moves or renames a file, folder or link (as a link); the target must not exist. */
	void move(long id, String from, String to) {
		ConfinedPath source = paths.resolve(id, from, LastLink.ITSELF);
		ConfinedPath target = paths.resolve(id, to, LastLink.ITSELF);
		if (source.isRoot()) {
			throw new BadRequestException("the site's root folder cannot be moved");
		}
		if (target.isRoot()) {
			throw new BadRequestException("nothing can replace the site's root folder");
		}
		if (!target.relative().equals(source.relative()) && target.relative().isWithin(source.relative())) {
			throw new BadRequestException(source + " cannot be moved into itself");
		}
		try {
			if (source.attributes() == null) {
				throw new NotFoundException("no such file or folder: " + source);
			}
			requireParent(target);
			if (target.attributes() != null) {
				throw new ConflictException(target + " already exists");
			}
			try (SecureDirectoryStream<Path> sourceParent = source.openParent();
					SecureDirectoryStream<Path> targetParent = target.openParent()) {
				sourceParent.move(source.name(), targetParent, target.name());
			}
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, source);
		}
	}

	/**
	 * Deletes a file, a link (never what it points at) or a folder; a folder that is not empty only when recursive.
	 */
	void delete(long id, String path, boolean recursive) {
		ConfinedPath entry = paths.resolve(id, path, LastLink.ITSELF);
		if (entry.isRoot()) {
			throw new BadRequestException("the site's root folder cannot be deleted");
		}
		try {
			PosixFileAttributes attributes = entry.attributes();
			if (attributes == null) {
				throw new NotFoundException("no such file or folder: " + entry);
			}
			try (SecureDirectoryStream<Path> parent = entry.openParent()) {
				if (!attributes.isDirectory()) {
					parent.deleteFile(entry.name());
				}
				else if (recursive) {
					TreeWalker.deleteTree(parent, entry.name());
				}
				else {
					parent.deleteDirectory(entry.name());
				}
			}
		}
		catch (DirectoryNotEmptyException ex) {
			throw new ConflictException(entry + " is not empty; delete it recursively to remove everything in it");
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, entry);
		}
	}

	/**
	 * Sets the permission bits of a file or folder.
	 * @param mode three or four octal digits without setuid, setgid or sticky bits
	 */
	void chmod(long id, String path, String mode) {
		Set<PosixFilePermission> permissions = permissions(mode);
		ConfinedPath entry = paths.resolve(id, path, LastLink.REFUSE);
		if (entry.isRoot()) {
			throw new BadRequestException("the site's root folder keeps its permissions");
		}
		try {
			PosixFileAttributes attributes = entry.attributes();
			if (attributes == null) {
				throw new NotFoundException("no such file or folder: " + entry);
			}
			if (!attributes.isDirectory() && !attributes.isRegularFile()) {
				throw new BadRequestException(entry + " is neither a file nor a folder");
			}
			if (attributes.isRegularFile()
					&& ((Number) Files.getAttribute(entry.file(), "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() > 1) {
				// Another name of the same file may lie outside the site; its mode is not ours to change.
				throw new BadRequestException(entry + " has other hard links; its permissions cannot be changed here");
			}
			try (SecureDirectoryStream<Path> parent = entry.openParent()) {
				// openat with O_NOFOLLOW, then fchmod: a link swapped in after the checks is refused.
				parent.getFileAttributeView(entry.name(), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
					.setPermissions(permissions);
			}
		}
		catch (IOException ex) {
			throw FileErrors.of(ex, entry);
		}
	}

	/** The permission bits a mode names, refusing anything but them. */
	static Set<PosixFilePermission> permissions(String mode) {
		if (mode == null || !MODE.matcher(mode).matches()) {
			throw new BadRequestException("mode must be 3 or 4 octal digits, such as 644");
		}
		int bits = Integer.parseInt(mode, 8);
		if ((bits & ~0777) != 0) {
			throw new BadRequestException("setuid, setgid and sticky bits are not allowed");
		}
		Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
		for (PosixFilePermission permission : PosixFilePermission.values()) {
			if ((bits & (1 << (8 - permission.ordinal()))) != 0) {
				permissions.add(permission);
			}
		}
		return permissions;
	}

	/** The folder a new entry goes in must exist (and, resolved, it is no link). */
	private static void requireParent(ConfinedPath entry) throws IOException {
		Path parent = entry.file().getParent();
		if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
			throw new NotFoundException("no such folder: " + entry.relative().parent());
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
