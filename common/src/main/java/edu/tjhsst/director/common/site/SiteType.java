package edu.tjhsst.director.common.site;

/** How a site's requests are answered. */
public enum SiteType {

	/** Files from the site's public directory, served by the appserver Nginx. */
	STATIC

}
