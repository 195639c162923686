package edu.tjhsst.director.common.signing;

import java.util.List;

/**
 * A component allowed to call this one: its key and the path prefixes it may use.
 * @param key the caller's signing key
 * @param pathPrefixes prefixes of the request paths this caller may use; {@code "/"} allows all
 */
public record Caller(SigningKey key, List<String> pathPrefixes) {

	public Caller {
		pathPrefixes = List.copyOf(pathPrefixes);
	}

	/** A caller that may use every path. */
	public static Caller anyPath(SigningKey key) {
		return new Caller(key, List.of("/"));
	}

	boolean mayCall(String path) {
		return pathPrefixes.stream().anyMatch(prefix -> prefix.equals("/") || path.equals(prefix)
				|| path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
	}

}
