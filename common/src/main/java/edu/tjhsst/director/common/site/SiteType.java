package edu.tjhsst.director.common.site;

/** How a site's requests are answered. */
public enum SiteType {

	/** Files from the site's public directory, served by the appserver Nginx. */
	STATIC,

	/** Static files from the site's public directory, and {@code .php} files run by the site's own php-fpm service. */
	PHP,

	/** The site's own process, started from its {@code run.sh} in a Swarm service, behind the appserver Nginx. */
	DYNAMIC;

	/** Whether sites of this type run their own process in a Swarm service. */
	public boolean hasProcess() {
		return this != STATIC;
	}

}
