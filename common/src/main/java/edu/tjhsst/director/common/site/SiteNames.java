package edu.tjhsst.director.common.site;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a site name must follow; names become host names, service names and config file names. */
public final class SiteNames {

	public static final int MIN_LENGTH = 2;

	public static final int MAX_LENGTH = 32;

	private static final Pattern SHAPE = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private static final Set<String> RESERVED = Set.of("www", "admin", "api", "director", "manager", "orchestrator",
			"router", "shell", "ssh", "sftp", "mail", "smtp", "imap", "ftp", "ns", "ns1", "ns2", "dns", "localhost",
			"static", "assets", "status", "health", "login", "logout", "root", "sites", "site", "docs", "help",
			"support", "security", "test", "default", "nginx", "database", "db", "postgres", "mysql");

	private SiteNames() {
	}

	/** Why the name is not acceptable, or empty when it is. Uniqueness is checked by whoever stores names. */
	public static Optional<String> problem(String name) {
		if (name == null || name.isEmpty()) {
			return Optional.of("Enter a name for the site.");
		}
		if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
			return Optional.of("A site name has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters.");
		}
		if (!SHAPE.matcher(name).matches()) {
			return Optional.of("Use lowercase letters, digits and single hyphens between them (like my-site-2).");
		}
		if (Character.isDigit(name.charAt(0))) {
			return Optional.of("A site name must not start with a digit.");
		}
		if (RESERVED.contains(name)) {
			return Optional.of("\"" + name + "\" is reserved; choose another name.");
		}
		return Optional.empty();
	}

	public static boolean isValid(String name) {
		return problem(name).isEmpty();
	}

}
