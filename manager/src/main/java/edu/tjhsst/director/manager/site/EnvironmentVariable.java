package edu.tjhsst.director.manager.site;

/**
 * One environment variable a site's owner defined.
 * @param secret whether its value is hidden on the page once saved
 */
record EnvironmentVariable(String name, String value, boolean secret) {

	/** What the page shows for the value: the value itself, or a mask that says nothing about it. */
	public String shown() {
		return secret ? "••••" : value;
	}

}
