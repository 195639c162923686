package edu.tjhsst.director.manager.site;

/** What a person fills in to add or change one environment variable. */
record EnvironmentForm(String name, String value, Boolean secret) {

	static EnvironmentForm empty() {
		return new EnvironmentForm("", "", false);
	}

	/** Whether the box was ticked; an unticked box sends nothing. */
	boolean isSecret() {
		return Boolean.TRUE.equals(secret);
	}

	String trimmedName() {
		return name == null ? "" : name.strip();
	}

	/** The value as typed; only line endings from the browser are made Unix ones. */
	String normalizedValue() {
		return value == null ? "" : value.replace("\r\n", "\n");
	}

}
