package edu.tjhsst.director.common.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static edu.tjhsst.director.common.text.Quoting.quote;

/** The rules for the environment variables a site's owner defines; the platform sets the reserved ones itself. */
public final class SiteEnvironment {

	public static final int MAX_VARIABLES = 64;

	public static final int MAX_VALUE_LENGTH = 4096;

	/** The prefix of the variables only the platform sets. */
	public static final String PLATFORM_PREFIX = "DIRECTOR_";

	private static final Pattern NAME = Pattern.compile("^[A-Z_][A-Z0-9_]{0,63}$");

	/** Set by the platform and needed to reach the site; an owner may not change them. */
	private static final Set<String> RESERVED = Set.of("PORT", "HOST", "HOME");

	private SiteEnvironment() {
	}

	/** Everything wrong with these variables, each with the variable it concerns. */
	public static List<String> problems(Map<String, String> env) {
		List<String> problems = new ArrayList<>();
		if (env.size() > MAX_VARIABLES) {
			problems.add("env may hold at most " + MAX_VARIABLES + " variables");
		}
		env.forEach((name, value) -> {
			if (name == null || !NAME.matcher(name).matches()) {
				problems.add("env: " + quote(name) + " is not a valid variable name (use A-Z, 0-9 and _, not starting"
						+ " with a digit, at most 64 characters)");
			}
			else if (name.startsWith(PLATFORM_PREFIX) || RESERVED.contains(name)) {
				problems.add("env: " + name + " is set by Director and cannot be changed");
			}
			else if (value == null) {
				problems.add("env: " + name + " has no value");
			}
			else if (value.length() > MAX_VALUE_LENGTH) {
				problems.add("env: the value of " + name + " is longer than " + MAX_VALUE_LENGTH + " characters");
			}
			else if (value.indexOf('\0') >= 0) {
				problems.add("env: the value of " + name + " contains a NUL character");
			}
		});
		return problems;
	}

}
