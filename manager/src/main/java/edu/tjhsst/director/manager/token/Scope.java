package edu.tjhsst.director.manager.token;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a token may be used for. Writing includes reading (a write answers with what it wrote); {@code admin} lets the
 * token act as an administrator, and {@code metrics:read} read the metrics, both only while its owner is one.
 */
public enum Scope {

	SITES_READ("sites:read", "Read your sites and their operations"),
	SITES_WRITE("sites:write", "Create, restart and delete sites, and retry operations"),
	ADMIN("admin", "Act as an administrator, reading or changing as the scopes above allow (administrators only)"),
	METRICS_READ("metrics:read", "Read the platform's metrics, for Prometheus (administrators only)");

	private final String text;

	private final String description;

	Scope(String text, String description) {
		this.text = text;
		this.description = description;
	}

	/** As a token's scopes are written: {@code sites:read}. */
	public String text() {
		return text;
	}

	public String description() {
		return description;
	}

	/** The Spring Security authority a token with this scope carries. */
	public String authority() {
		return "SCOPE_" + text;
	}

	/** Whether only an administrator may have a token with it, and it grants nothing once they are no longer one. */
	public boolean administratorsOnly() {
		return this == ADMIN || this == METRICS_READ;
	}

	public static Optional<Scope> parse(String text) {
		for (Scope scope : values()) {
			if (scope.text.equals(text)) {
				return Optional.of(scope);
			}
		}
		return Optional.empty();
	}

	/** The scopes stored as space-separated text; unknown words (none are written) are dropped. */
	static Set<Scope> parseAll(String stored) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String word : stored.strip().split(" +")) {
			parse(word).ifPresent(scopes::add);
		}
		return scopes;
	}

	static String format(Set<Scope> scopes) {
		return scopes.stream().sorted().map(Scope::text).collect(Collectors.joining(" "));
	}

}
