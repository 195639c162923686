package edu.tjhsst.director.orchestrator.runtime;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The runtimes a site's process may run in, each an image built by {@code docker/build-images.sh}; image tags are
 * pinned here and nowhere else.
 */
public enum Runtime {

	PLAIN("plain", "director/runtime-plain:3", "Plain Debian",
			"Debian 12 with bash, curl and the basics, for a program you bring yourself."),

	PYTHON("python", "director/runtime-python:3", "Python 3",
			"Debian's Python 3.11 with venv and pip; install packages into a virtual environment in your site."),

	NODE("node", "director/runtime-node:3", "Node.js",
			"Debian's Node.js 18 with npm; install packages with npm in your site's folder."),

	PHP("php", "director/runtime-php:5", "PHP",
			"Debian's PHP 8.2 (php-fpm and the command line) with the PostgreSQL and MySQL drivers and the extensions "
					+ "common applications need (mbstring, xml, gd, curl, zip, intl).");

	private final String id;

	private final String image;

	private final String title;

	private final String description;

	Runtime(String id, String image, String title, String description) {
		this.id = id;
		this.image = image;
		this.title = title;
		this.description = description;
	}

	/** The runtime a spec names, if there is one by that name. */
	public static Optional<Runtime> named(String name) {
		return Arrays.stream(values()).filter(runtime -> runtime.id.equals(name)).findFirst();
	}

	/** The names a spec may use, for error messages. */
	public static String names() {
		return Arrays.stream(values()).map(Runtime::id).collect(Collectors.joining(", "));
	}

	/** The name specs use, such as {@code python}. */
	public String id() {
		return id;
	}

	/** The image a site's service runs. */
	public String image() {
		return image;
	}

	/** A short name to show people. */
	public String title() {
		return title;
	}

	/** One sentence on what the runtime holds. */
	public String description() {
		return description;
	}

}
