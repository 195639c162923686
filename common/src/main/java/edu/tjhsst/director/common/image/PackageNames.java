package edu.tjhsst.director.common.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static edu.tjhsst.director.common.text.Quoting.quote;

/** The rules extra Debian package names follow before they reach a Dockerfile's {@code apt-get install}. */
public final class PackageNames {

	/** The most packages one site may ask for. */
	public static final int MAX_PACKAGES = 50;

	/** Debian policy's package name: lowercase letters, digits, + - and ., starting alphanumeric. */
	private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9+.-]{1,62}$");

	private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

	private PackageNames() {
	}

	/** Whether the name may be installed. */
	public static boolean isValid(String name) {
		return name != null && NAME.matcher(name).matches();
	}

	/** The names in text typed into a form: separated by whitespace or commas, blanks ignored, order kept. */
	public static List<String> parse(String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(SEPARATORS.split(text.strip())).filter(name -> !name.isEmpty()).toList();
	}

	/** Everything wrong with this list of names, empty when it may be installed. */
	public static List<String> problems(List<String> names) {
		List<String> problems = new ArrayList<>();
		if (names == null) {
			return problems;
		}
		if (names.size() > MAX_PACKAGES) {
			problems.add("at most " + MAX_PACKAGES + " packages may be added, not " + names.size());
		}
		Set<String> seen = new HashSet<>();
		for (String name : names) {
			if (!isValid(name)) {
				problems.add(quote(name) + " is not a Debian package name (use lowercase letters, digits, + - and .)");
			}
			else if (!seen.add(name)) {
				problems.add(quote(name) + " is listed twice");
			}
		}
		return problems;
	}

}
