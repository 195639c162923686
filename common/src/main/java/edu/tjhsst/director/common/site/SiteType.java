package edu.tjhsst.director.common.site;

/** How a site's requests are answered. */
public enum SiteType {

	/** Files from the site's public directory, served by the appserver Nginx. */
	STATIC,

	/** The site's own process, started from its {@code run.sh} in a Swarm service, behind the appserver Nginx. */
	DYNAMIC

}
