package edu.tjhsst.director.orchestrator.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs a site's program under a seccomp filter forbidding it to make Btrfs subvolumes and snapshots
 * ({@code disk/subvolume-guard.pl}). Anyone may make a subvolume in a folder they can write to, and a subvolume
 * inside a site's has a quota group of its own, with no limit: without the guard, a site's process or shell could
 * write past its disk limit. Every program a site runs goes through it (its service's command and each terminal
 * exec); a filter is inherited by every child and cannot be removed, and Docker's own filter stays in force.
 */
public final class SubvolumeGuard {

	/** The script without its comments, which would only lengthen every service's and exec's command line. */
	private static final String SCRIPT = withoutComments(read("disk/subvolume-guard.pl"));

	private SubvolumeGuard() {
	}

	/** The command that runs {@code command} under the guard; it fails, without running it, if the guard fails. */
	public static List<String> wrap(List<String> command) {
		List<String> wrapped = new ArrayList<>(List.of("/usr/bin/perl", "-e", SCRIPT, "--"));
		wrapped.addAll(command);
		return wrapped;
	}

	/** Drops comment lines and comments after two spaces; the script has no {@code #} in a string. */
	static String withoutComments(String script) {
		StringBuilder kept = new StringBuilder();
		for (String line : script.split("\n")) {
			String code = line.replaceAll("\\s{2,}#.*$", "");
			if (!code.isBlank() && !code.stripLeading().startsWith("#")) {
				kept.append(code).append('\n');
			}
		}
		return kept.toString();
	}

	private static String read(String resource) {
		try (InputStream in = SubvolumeGuard.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
