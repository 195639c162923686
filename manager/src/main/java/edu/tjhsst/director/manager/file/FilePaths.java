package edu.tjhsst.director.manager.file;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Light checks and naming rules for paths inside a site. The orchestrator is the authority on what a path
 * may reach; the manager only refuses what can never be a file name.
 */
final class FilePaths {

	/** The largest file the editor saves or uploads. */
	static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

	private static final int MAX_PATH_BYTES = 4096;

	/** The only types ever served inline, each under its exact content type. */
	private static final Map<String, MediaType> IMAGES = Map.of(
			"png", MediaType.IMAGE_PNG,
			"jpg", MediaType.IMAGE_JPEG,
			"jpeg", MediaType.IMAGE_JPEG,
			"gif", MediaType.IMAGE_GIF,
			"webp", MediaType.parseMediaType("image/webp"));

	private FilePaths() {
	}

	/** The path itself, or a 400 for one with control characters or over 4096 bytes; null means the site root. */
	static String check(String path) {
		String value = path == null ? "" : path;
		if (value.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
			throw new FileRequestException(HttpStatus.BAD_REQUEST, "That path is longer than 4096 bytes.");
		}
		if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
			throw new FileRequestException(HttpStatus.BAD_REQUEST, "A path may not contain control characters.");
		}
		return value;
	}

	/** A single file name as a browser sends it with an upload, or a 400. */
	static String checkName(String name) {
		String value = check(name).strip();
		if (value.isEmpty() || value.equals(".") || value.equals("..") || value.contains("/") || value.contains("\\")) {
			throw new FileRequestException(HttpStatus.BAD_REQUEST, "\"" + value + "\" is not a file name.");
		}
		return value;
	}

	/** A file inside a directory; the root is the empty path. */
	static String join(String directory, String name) {
		String dir = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
		return dir.isEmpty() ? name : dir + "/" + name;
	}

	/** The folder that holds a path; the root is the empty path. */
	static String parent(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return trimmed.contains("/") ? trimmed.substring(0, trimmed.lastIndexOf('/')) : "";
	}

	/** The last segment of a path. */
	static String name(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

	/** The content type of an image that may be shown inline, by extension; nothing else ever is. */
	static Optional<MediaType> image(String path) {
		String name = name(path);
		int dot = name.lastIndexOf('.');
		return dot < 0 ? Optional.empty() : Optional.ofNullable(IMAGES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
	}

	/** {@code <site>-<folder>.zip}, with the folder's path flattened into safe characters. */
	static String zipName(String site, String folder) {
		String flat = folder.replaceAll("^/+|/+$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
		return flat.isEmpty() ? site + ".zip" : site + "-" + flat + ".zip";
	}

}
