package edu.tjhsst.director.orchestrator.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a site's programs under a seccomp filter forbidding them to make Btrfs subvolumes and snapshots, or to flag
 * the site's folder read-only ({@code disk/subvolume-guard.pl}). Anyone may make a subvolume in a folder they can
 * write to, and a subvolume inside a site's has a quota group of its own, with no limit: without the guard, a site's
 * process or shell could write past its disk limit.
 * <p>
 * No process in a site's containers is without it: the guard is their first process ({@link #init}, in place of
 * Docker's init, which would be a process without the filter that another could trace and make do it), and each
 * terminal's exec starts under it ({@link #exec}). A filter is inherited by every child and cannot be removed, and
 * Docker's own filter stays in force. Variables that steer Perl or the dynamic loader before the filter is installed
 * reach it renamed ({@link #environment}) and get their names back for the program.
 */
public final class SubvolumeGuard {

	/** The script without its comments, which would only lengthen every service's and exec's command line. */
	private static final String SCRIPT = withoutComments(read("disk/subvolume-guard.pl"));

	private static final String PERL = "/usr/bin/perl";

	/** The prefix the guard takes off again; DIRECTOR_ names are the platform's, which owners cannot set. */
	private static final String RENAMED = "DIRECTOR_GUARDED_";

	/** Names that steer Perl's start (PERL5OPT, PERL5LIB, PERLIO...) or the loader's (LD_PRELOAD...), or iconv's. */
	private static final Pattern STEERING = Pattern.compile("^(LD_|PERL|GCONV_PATH=|LOCPATH=).*", Pattern.DOTALL);

	private SubvolumeGuard() {
	}

	/** A container's command: the guard stays its first process, runs the program, passes signals on, reaps. */
	public static List<String> init(List<String> command) {
		return guarded("init", command);
	}

	/** An exec's command: the guard installs the filter, then becomes the program. */
	public static List<String> exec(List<String> command) {
		return guarded("exec", command);
	}

	/**
	 * The command a guarded one wraps, or the command itself if it is not guarded: so that a spec made by an older
	 * orchestrator, or by this one, can be guarded by the current script.
	 */
	public static List<String> unwrap(List<String> command) {
		if (command != null && command.size() > 5 && PERL.equals(command.get(0)) && "-e".equals(command.get(1))
				&& "--".equals(command.get(3)) && List.of("init", "exec").contains(command.get(4))) {
			return List.copyOf(command.subList(5, command.size()));
		}
		return command == null ? List.of() : List.copyOf(command);
	}

	/** Whether the command is guarded by this version of the script. */
	public static boolean isCurrent(List<String> command) {
		return command != null && command.size() > 5 && PERL.equals(command.get(0)) && SCRIPT.equals(command.get(2));
	}

	/**
	 * The environment the guard is started with ({@code NAME=value} entries): those that would steer Perl or the
	 * loader before the filter is in place are renamed, for the guard to give their names back. Repeating it changes
	 * nothing.
	 */
	public static List<String> environment(List<String> env) {
		List<String> renamed = new ArrayList<>();
		for (String entry : env) {
			renamed.add(STEERING.matcher(entry).matches() ? RENAMED + entry : entry);
		}
		return renamed;
	}

	private static List<String> guarded(String mode, List<String> command) {
		List<String> wrapped = new ArrayList<>(List.of(PERL, "-e", SCRIPT, "--", mode));
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
