package edu.tjhsst.director.orchestrator.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import static edu.tjhsst.director.orchestrator.file.LinuxCalls.C;

/**
 * An open file descriptor of a site's directory or of something in it: the one place where the file API meets the
 * file system. Every name is opened relative to an open folder with {@code openat2(2)} and
 * {@code RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS}, and every change acts on a name inside an
 * open folder ({@code mkdirat}, {@code unlinkat}, {@code renameat2}) or on a descriptor itself, so a folder that a
 * site's process swaps for a link at any moment can never lead an operation out of the site.
 */
final class SiteHandle implements AutoCloseable {

	private static final long RESOLVE = LinuxCalls.RESOLVE_BENEATH | LinuxCalls.RESOLVE_NO_SYMLINKS
			| LinuxCalls.RESOLVE_NO_MAGICLINKS;

	/** The reason of the exception for a link met on the way; {@link FileErrors} answers it as leading outside. */
	static final String LINK_REFUSED = "refused to follow a symbolic link";

	/** The reason of the exception for an entry that is not the regular file an operation needs. */
	static final String NOT_REGULAR = "not a regular file";

	/** The reason of the exception for a folder where a file was expected. */
	static final String IS_FOLDER = "is a folder";

	private final int fd;

	private final String name;

	private boolean closed;

	private SiteHandle(int fd, String name) {
		this.fd = fd;
		this.name = name;
	}

	/** Opens a site's directory itself, which must be a real directory rather than a link. */
	static SiteHandle openSite(Path directory) throws IOException {
		int fd = C.open(directory.toString(),
				LinuxCalls.O_PATH | LinuxCalls.O_DIRECTORY | LinuxCalls.O_NOFOLLOW | LinuxCalls.O_CLOEXEC, 0);
		return new SiteHandle(check(fd, directory.toString()), directory.toString());
	}

	/** Opens a folder below this one for listing and as the base of further names; a link on the way is refused. */
	SiteHandle folder(String path) throws IOException {
		return open(path, LinuxCalls.O_RDONLY | LinuxCalls.O_DIRECTORY, 0);
	}

	/**
	 * Opens anything below this folder by handle only ({@code O_PATH}), without reading or writing it; a link as the
	 * last name is opened as the link itself, so check {@link #attributes()} before use.
	 */
	SiteHandle entry(String path) throws IOException {
		return open(path, LinuxCalls.O_PATH, 0);
	}

	/** Creates a new file in this folder for writing; never opens anything that exists already, a link included. */
	SiteHandle create(String fileName, int mode) throws IOException {
		return open(fileName, LinuxCalls.O_WRONLY | LinuxCalls.O_CREAT | LinuxCalls.O_EXCL, mode);
	}

	/** Opens a regular file below this folder for reading; anything else is refused. */
	FileChannel read(String path) throws IOException {
		try (SiteHandle file = entry(path)) {
			file.requireRegularFile();
			return file.channel(StandardOpenOption.READ);
		}
	}

	private SiteHandle open(String path, int flags, int mode) throws IOException {
		LinuxCalls.OpenHow how = new LinuxCalls.OpenHow(flags | LinuxCalls.O_CLOEXEC, mode, RESOLVE);
		for (int attempt = 0;; attempt++) {
			long fd = C.syscall(LinuxCalls.SYS_OPENAT2, this.fd, path, how, how.size());
			// EAGAIN: a rename raced the kernel's own check; the walk is simply tried again.
			if (fd >= 0 || Native.getLastError() != LinuxCalls.EAGAIN || attempt == 10) {
				return new SiteHandle(check((int) fd, path), path);
			}
		}
	}

	/** This entry's own attributes, from the descriptor itself. */
	SiteAttributes attributes() throws IOException {
		return statx("", LinuxCalls.AT_EMPTY_PATH | LinuxCalls.AT_SYMLINK_NOFOLLOW, name);
	}

	/** The attributes of a name in this folder, a link's own; null if nothing has that name. */
	SiteAttributes attributes(String entryName) throws IOException {
		try {
			return statx(entryName, LinuxCalls.AT_SYMLINK_NOFOLLOW, entryName);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private SiteAttributes statx(String path, int flags, String shown) throws IOException {
		try (Memory buffer = new Memory(256)) {
			buffer.clear();
			check(C.statx(fd, path, flags, LinuxCalls.STATX_BASIC_STATS, buffer), shown);
			// Clamped: a site may set any time at all, and Instant's range is smaller than a 64-bit second count.
			long seconds = Math.max(Instant.MIN.getEpochSecond(),
					Math.min(Instant.MAX.getEpochSecond(), buffer.getLong(112)));
			long nanos = Integer.toUnsignedLong(buffer.getInt(120)) % 1_000_000_000L;
			Instant modified = Instant.ofEpochSecond(seconds, nanos);
			return new SiteAttributes(Short.toUnsignedInt(buffer.getShort(28)), buffer.getLong(40), buffer.getLong(32),
					buffer.getInt(16), buffer.getInt(20), buffer.getInt(24), modified);
		}
	}

	/** Refuses anything but a regular file, from the descriptor's own attributes. */
	SiteAttributes requireRegularFile() throws IOException {
		SiteAttributes attributes = attributes();
		if (attributes.isSymbolicLink()) {
			throw new FileSystemException(name, null, LINK_REFUSED);
		}
		if (attributes.isDirectory()) {
			throw new FileSystemException(name, null, IS_FOLDER);
		}
		if (!attributes.isRegularFile()) {
			throw new FileSystemException(name, null, NOT_REGULAR);
		}
		return attributes;
	}

	/**
	 * The names in this folder, without {@code .} and {@code ..}. Read through {@code /proc/self/fd}, which opens
	 * exactly the folder this descriptor holds whatever has happened to its path since.
	 */
	List<String> names() throws IOException {
		List<String> names = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(procPath())) {
			for (Path entry : stream) {
				names.add(entry.getFileName().toString());
			}
		}
		catch (DirectoryIteratorException ex) {
			throw ex.getCause();
		}
		return names;
	}

	/** Opens this very file again as a channel (through {@code /proc/self/fd}, so never another file by its path). */
	FileChannel channel(OpenOption... options) throws IOException {
		return FileChannel.open(procPath(), options);
	}

	/** Creates a folder in this one; an existing name, a link included, is refused. */
	void mkdir(String folderName, int mode) throws IOException {
		check(C.mkdirat(fd, folderName, mode), folderName);
	}

	/** Removes a name from this folder: a file or link (never what it points at), or an empty folder. */
	void delete(String entryName, boolean folder) throws IOException {
		check(C.unlinkat(fd, entryName, folder ? LinuxCalls.AT_REMOVEDIR : 0), entryName);
	}

	/**
	 * Renames an entry of this folder into another open folder; the entry itself moves, a link as a link.
	 * @param replace whether an existing target is replaced atomically, or refused with {@code EEXIST}
	 */
	void rename(String from, SiteHandle folder, String to, boolean replace) throws IOException {
		check(C.renameat2(fd, from, folder.fd, to, replace ? 0 : LinuxCalls.RENAME_NOREPLACE), from);
	}

	/** Sets this entry's permission bits, through the descriptor: a link swapped in for its name changes nothing. */
	void chmod(int mode) throws IOException {
		check(C.chmod(procPath().toString(), mode), name);
	}

	/** Gives this entry to a user and group, through the descriptor itself. */
	void chown(int uid, int gid) throws IOException {
		check(C.fchownat(fd, "", uid, gid, LinuxCalls.AT_EMPTY_PATH), name);
	}

	private Path procPath() {
		return Path.of("/proc/self/fd/" + fd);
	}

	@Override
	public void close() {
		if (!closed) {
			closed = true;
			C.close(fd);
		}
	}

	/** The result of a call, or the exception Java would throw for its {@code errno}. */
	private static int check(int result, String shown) throws IOException {
		if (result >= 0) {
			return result;
		}
		int errno = Native.getLastError();
		throw switch (errno) {
			case LinuxCalls.ENOENT -> new NoSuchFileException(shown);
			case LinuxCalls.EEXIST -> new FileAlreadyExistsException(shown);
			case LinuxCalls.ENOTEMPTY -> new DirectoryNotEmptyException(shown);
			case LinuxCalls.ENOTDIR -> new NotDirectoryException(shown);
			// ELOOP: a link on the way (RESOLVE_NO_SYMLINKS); EXDEV: a way out of the folder (RESOLVE_BENEATH).
			case LinuxCalls.ELOOP, LinuxCalls.EXDEV -> new FileSystemException(shown, null, LINK_REFUSED);
			case LinuxCalls.EISDIR -> new FileSystemException(shown, null, IS_FOLDER);
			default -> new FileSystemException(shown, null, C.strerror(errno));
		};
	}

}
