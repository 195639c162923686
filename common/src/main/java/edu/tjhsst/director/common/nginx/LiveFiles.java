package edu.tjhsst.director.common.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The folder of live site files: each read whole, and written or removed in one step, never seen half-written. */
final class LiveFiles {

	private static final Pattern FILE_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,80}\\.(conf|map)$");

	private final Path dir;

	/** Over the folder, which is created if missing. */
	LiveFiles(Path dir) {
		this.dir = dir;
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + dir, ex);
		}
	}

	/** The file's content, if there is one. */
	Optional<String> read(String fileName) {
		Path file = path(fileName);
		try {
			return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	/** Writes the content, or removes the file when it is empty. */
	void put(String fileName, Optional<String> content) {
		if (content.isPresent()) {
			writeAtomically(path(fileName), content.get());
		}
		else {
			delete(fileName);
		}
	}

	/** Removes the file; false when there was none. */
	boolean delete(String fileName) {
		try {
			return Files.deleteIfExists(path(fileName));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove " + fileName, ex);
		}
	}

	/** The names of the site files, in order. */
	List<String> names() {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(file -> file.getFileName().toString()).filter(name -> FILE_NAME.matcher(name).matches())
				.sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list " + dir, ex);
		}
	}

	/** Whether the name is one a site file may have. */
	boolean isSiteFileName(String fileName) {
		return fileName != null && FILE_NAME.matcher(fileName).matches();
	}

	/** A site file's path; the name is checked, so that no name reaches outside the folder. */
	Path path(String fileName) {
		if (!isSiteFileName(fileName)) {
			throw new IllegalArgumentException("not an acceptable config file name: " + fileName);
		}
		return dir.resolve(fileName);
	}

	/** Writes a file through a temporary one beside it, so Nginx never reads it half-written. */
	static void writeAtomically(Path file, String content) {
		try {
			Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
			Files.writeString(temp, content, StandardCharsets.UTF_8);
			temp.toFile().setReadable(true, false);
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

}
