package edu.tjhsst.director.common.site;

/** Whether a site is served, as an administrator sets it. */
public enum SiteAvailability {

	/** Served normally; its process, if it has one, runs. */
	ENABLED,

	/** Not served to anyone (its address answers as if no site were there); its owners still manage it. */
	NOT_SERVED,

	/** Turned off by an administrator: its address answers with a page that says so and its owners cannot change it. */
	DISABLED

}
