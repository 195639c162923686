package edu.tjhsst.director.manager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Stands in for the orchestrator's file API in manager tests: the same paths, parameters, headers and error
 * bodies, over site directories in a temporary folder.
 */
final class FakeSiteFiles {

	private static final Pattern PATH = Pattern.compile("/sites/(\\d+)/files(/[a-z]+)?");

	/** What the orchestrator says when a write would take more disk space than the site may have. */
	static final String DISK_FULL = "The site has used all of its disk space (1 GiB): delete files to make room, "
			+ "or ask an administrator for more.";

	/** Sites whose disk is full: every write of a file answers 507, as the orchestrator's quota makes it. */
	final Set<Long> full = ConcurrentHashMap.newKeySet();

	private final Path root;

	FakeSiteFiles(Path root) {
		this.root = root;
	}

	/** The site's directory, created with {@code public/} and {@code private/} on first use. */
	Path site(long siteId) {
		Path dir = root.resolve("sites").resolve(Long.toString(siteId));
		try {
			Files.createDirectories(dir.resolve("public"));
			Files.createDirectories(dir.resolve("private"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return dir;
	}

	/** Whether this call is for the file API. */
	static boolean handles(String path) {
		return PATH.matcher(path).matches();
	}

	/** Answers one call. */
	Reply handle(String method, String rawPath, String rawQuery, byte[] body) throws IOException {
		Matcher matcher = PATH.matcher(rawPath);
		matcher.matches();
		long siteId = Long.parseLong(matcher.group(1));
		Path site = site(siteId);
		String action = matcher.group(2) == null ? "" : matcher.group(2);
		Map<String, String> query = parse(rawQuery);
		String route = method + " " + action;
		if (route.equals("GET /tree")) {
			return json(200, "{\"entries\":" + entries(site, site, true) + ",\"truncated\":false}");
		}
		if (route.equals("GET /usage")) {
			try (Stream<Path> all = Files.walk(site)) {
				List<Path> files = all.filter(Files::isRegularFile).toList();
				long bytes = 0;
				for (Path file : files) {
					bytes += Files.size(file);
				}
				return json(200, "{\"bytes\":" + bytes + ",\"files\":" + files.size() + "}");
			}
		}
		if (route.equals("GET /fingerprint")) {
			return json(200, "{\"fingerprint\":\"" + sha256(entries(site, site, true).getBytes(StandardCharsets.UTF_8)) + "\"}");
		}
		Path target = resolve(site, query.getOrDefault(action.equals("/move") ? "from" : "path", ""));
		if (target == null) {
			return json(400, "{\"error\":\"That path leads outside the site.\"}");
		}
		switch (route) {
			case "GET /list":
				return Files.isDirectory(target) ? json(200, "{\"path\":\"" + query.get("path") + "\",\"entries\":"
						+ entries(site, target, false) + "}") : missing();
			case "GET /content":
				if (!Files.isRegularFile(target)) {
					return missing();
				}
				byte[] bytes = Files.readAllBytes(target);
				boolean binary = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\0') >= 0;
				return new Reply(200, "application/octet-stream", bytes,
						Map.of("X-File-Version", sha256(bytes), "X-File-Binary", Boolean.toString(binary)));
			case "GET /download":
				return Files.isRegularFile(target)
						? new Reply(200, "application/octet-stream", Files.readAllBytes(target), Map.of()) : missing();
			case "PUT /content":
				String version = query.get("version");
				String current = Files.isRegularFile(target) ? sha256(Files.readAllBytes(target)) : "";
				if (version != null && !version.equals(current)) {
					return json(409, "{\"error\":\"The file changed on disk since it was opened.\",\"version\":\"" + current + "\"}");
				}
				if (!Files.isDirectory(target.getParent())) {
					return json(404, "{\"error\":\"no such folder\"}");
				}
				if (full.contains(siteId)) {
					return json(507, "{\"error\":\"" + DISK_FULL + "\"}");
				}
				Files.write(target, body);
				return json(200, "{\"version\":\"" + sha256(body) + "\"}");
			case "POST /mkdir":
				if (Files.exists(target)) {
					return json(409, "{\"error\":\"That already exists.\"}");
				}
				Files.createDirectories(target);
				return json(201, "{}");
			case "POST /move":
				Path to = resolve(site, query.getOrDefault("to", ""));
				if (to == null || !Files.exists(target)) {
					return to == null ? json(400, "{\"error\":\"That path leads outside the site.\"}") : missing();
				}
				if (Files.exists(to)) {
					return json(409, "{\"error\":\"The target already exists.\"}");
				}
				Files.move(target, to);
				return json(200, "{}");
			case "DELETE ":
				return delete(target, "true".equals(query.get("recursive")));
			case "POST /chmod":
				String mode = query.getOrDefault("mode", "");
				if (mode.length() == 4 && mode.charAt(0) != '0') {
					return json(400, "{\"error\":\"Only permission bits may be set: no setuid, setgid or sticky.\"}");
				}
				Files.setPosixFilePermissions(target, permissions(Integer.parseInt(mode, 8)));
				return json(200, "{}");
			case "GET /zip":
				return new Reply(200, "application/zip", zip(target), Map.of());
			default:
				return json(404, "{\"error\":\"no such endpoint\"}");
		}
	}

	private static Reply delete(Path target, boolean recursive) throws IOException {
		if (!Files.exists(target)) {
			return missing();
		}
		if (!recursive) {
			try {
				Files.delete(target);
			}
			catch (DirectoryNotEmptyException ex) {
				return json(409, "{\"error\":\"The folder is not empty.\"}");
			}
			return json(200, "{}");
		}
		try (Stream<Path> all = Files.walk(target)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		return json(200, "{}");
	}

	private static byte[] zip(Path dir) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> all = Files.walk(dir)) {
			for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
				zip.putNextEntry(new ZipEntry(dir.relativize(file).toString()));
				zip.write(Files.readAllBytes(file));
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static String entries(Path site, Path dir, boolean recursive) throws IOException {
		StringBuilder json = new StringBuilder("[");
		try (Stream<Path> all = recursive ? Files.walk(dir) : Files.list(dir)) {
			for (Path path : all.filter(path -> !path.equals(dir)).sorted().toList()) {
				json.append(json.length() > 1 ? "," : "")
					.append("{\"name\":\"").append(path.getFileName())
					.append("\",\"path\":\"").append(site.relativize(path))
					.append("\",\"type\":\"").append(Files.isDirectory(path) ? "dir" : "file")
					.append("\",\"size\":").append(Files.isDirectory(path) ? 0 : Files.size(path))
					.append(",\"mode\":\"").append(mode(path))
					.append("\",\"modified\":\"").append(Files.getLastModifiedTime(path).toInstant()).append("\"}");
			}
		}
		return json.append("]").toString();
	}

	private static String mode(Path path) throws IOException {
		int bits = 0;
		for (PosixFilePermission permission : Files.getPosixFilePermissions(path)) {
			bits |= 1 << (8 - permission.ordinal());
		}
		return Integer.toOctalString(bits);
	}

	private static Set<PosixFilePermission> permissions(int bits) {
		StringBuilder text = new StringBuilder();
		for (int i = 8; i >= 0; i--) {
			text.append((bits & (1 << i)) != 0 ? "rwx".charAt((8 - i) % 3) : '-');
		}
		return PosixFilePermissions.fromString(text.toString());
	}

	private static Path resolve(Path site, String path) {
		Path target = site.resolve(path).normalize();
		return target.startsWith(site) && !path.startsWith("/") ? target : null;
	}

	private static Map<String, String> parse(String rawQuery) {
		Map<String, String> values = new HashMap<>();
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return values;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Reply missing() {
		return json(404, "{\"error\":\"No such file or folder.\"}");
	}

	private static Reply json(int status, String body) {
		return new Reply(status, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
	}

	/** One answer of the fake file API. */
	record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
	}

}
