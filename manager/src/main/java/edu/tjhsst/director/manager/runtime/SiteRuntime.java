package edu.tjhsst.director.manager.runtime;

/**
 * A runtime a site's process may run in.
 * @param name the name sites and specs use, fixed once created, such as {@code python}
 * @param title a short name to show people
 * @param description one sentence on what it holds
 * @param baseImage the runtime image on the app server that sites' images build on
 * @param setupCommands shell commands run as root when a site's image is built on it; may be empty
 * @param hidden whether new sites may no longer choose it (sites on it keep working)
 * @param position where it is listed, lowest first
 */
public record SiteRuntime(String name, String title, String description, String baseImage, String setupCommands,
		boolean hidden, int position) {

	public SiteRuntime {
		setupCommands = setupCommands == null ? "" : setupCommands;
	}

}
