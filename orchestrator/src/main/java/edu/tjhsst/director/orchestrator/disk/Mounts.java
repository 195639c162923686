package edu.tjhsst.director.orchestrator.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What is mounted where, as the kernel lists it in {@code /proc/self/mountinfo}. */
final class Mounts {

	private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

	/** The kernel writes a space, a tab, a newline and a backslash in a path as three octal digits. */
	private static final Pattern ESCAPE = Pattern.compile("\\\\([0-7]{3})");

	private Mounts() {
	}

	/** The file system type mounted at exactly this path (the last mount there wins), or null when none is. */
	static String typeAt(Path path) {
		String where = path.toAbsolutePath().normalize().toString();
		List<String> lines;
		try {
			lines = Files.readAllLines(MOUNTINFO);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + MOUNTINFO, ex);
		}
		String type = null;
		for (String line : lines) {
			// id parent major:minor root mount-point options [optional fields...] - type source super-options
			String[] fields = line.split(" ");
			int separator = List.of(fields).indexOf("-");
			if (fields.length > 5 && separator > 5 && separator + 1 < fields.length
					&& unescape(fields[4]).equals(where)) {
				type = fields[separator + 1];
			}
		}
		return type;
	}

	static String unescape(String field) {
		Matcher matcher = ESCAPE.matcher(field);
		StringBuilder text = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(text, Matcher.quoteReplacement(
					Character.toString((char) Integer.parseInt(matcher.group(1), 8))));
		}
		return matcher.appendTail(text).toString();
	}

}
