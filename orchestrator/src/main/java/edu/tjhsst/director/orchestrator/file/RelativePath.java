package edu.tjhsst.director.orchestrator.file;

import java.nio.charset.StandardCharsets;
import java.util.List;

import edu.tjhsst.director.orchestrator.RejectedInputException;

/**
 * A path inside a site as a caller names it, accepted only if every segment is a plain name: no absolute paths,
 * backslashes, control characters, empty, {@code .} or {@code ..} segments, and nothing too long.
 * @param segments the names from the site root down; empty for the root itself
 */
record RelativePath(List<String> segments) {

	static final int MAX_SEGMENT_BYTES = 255;

	static final int MAX_PATH_BYTES = 4096;

	static final RelativePath ROOT = new RelativePath(List.of());

	RelativePath {
		segments = List.copyOf(segments);
	}

	/**
	 * Checks a caller's path before anything touches the file system.
	 * @param text the path relative to the site root; null or empty names the root
	 * @throws RejectedInputException naming the path when it is not acceptable
	 */
	static RelativePath parse(String text) {
		if (text == null || text.isEmpty()) {
			return ROOT;
		}
		String problem = problem(text);
		if (problem != null) {
			throw new RejectedInputException("not an acceptable path: " + quote(text) + " (" + problem + ")");
		}
		return new RelativePath(List.of(text.split("/", -1)));
	}

	/** What is wrong with a non-empty path, or null if nothing is. */
	private static String problem(String text) {
		if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
			return "longer than " + MAX_PATH_BYTES + " bytes";
		}
		if (text.startsWith("/")) {
			return "absolute";
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				return "contains a backslash";
			}
			if (Character.isISOControl(c)) {
				return "contains a control character";
			}
			if (Character.isSurrogate(c) && !validSurrogatePair(text, i)) {
				return "contains an unpaired surrogate";
			}
			if (c == '\uFFFD') {
				// What a decoder makes of bytes that were not UTF-8: the name cannot be what the caller meant.
				return "contains bytes that are not UTF-8";
			}
		}
		for (String segment : text.split("/", -1)) {
			if (segment.isEmpty()) {
				return "empty segment";
			}
			if (segment.equals(".") || segment.equals("..")) {
				return "contains a " + segment + " segment";
			}
			if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
				return "a name is longer than " + MAX_SEGMENT_BYTES + " bytes";
			}
		}
		return null;
	}

	private static boolean validSurrogatePair(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
	}

	/** A short, printable rendering of a refused path for an error message. */
	private static String quote(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().limit(80).forEach(cp -> {
			if (Character.isISOControl(cp) || cp == '"' || Character.isSurrogate((char) cp) && cp < 0x10000) {
				out.append(String.format("\\u%04x", cp));
			}
			else {
				out.appendCodePoint(cp);
			}
		});
		if (text.codePointCount(0, text.length()) > 80) {
			out.append('…');
		}
		return out.toString();
	}

	boolean isRoot() {
		return segments.isEmpty();
	}

	/** The last segment, or empty for the root. */
	String name() {
		return isRoot() ? "" : segments.get(segments.size() - 1);
	}

	/** The path one level up; the root's parent is the root. */
	RelativePath parent() {
		return isRoot() ? this : new RelativePath(segments.subList(0, segments.size() - 1));
	}

	/** Whether this path is {@code other} or lies below it. */
	boolean isWithin(RelativePath other) {
		return segments.size() >= other.segments.size()
				&& segments.subList(0, other.segments.size()).equals(other.segments);
	}

	@Override
	public String toString() {
		return String.join("/", segments);
	}

}
