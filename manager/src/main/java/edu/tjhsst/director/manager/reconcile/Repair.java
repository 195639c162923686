package edu.tjhsst.director.manager.reconcile;

import java.time.OffsetDateTime;

/**
 * One thing the reconciler put right.
 * @param siteId the site, or null once it is deleted
 * @param siteName the site's name when it was repaired
 * @param component where: the app server or the router
 * @param change what differed and what was done, as the component said it
 * @param repairedAt when
 */
public record Repair(Long siteId, String siteName, Component component, String change, OffsetDateTime repairedAt) {

	/** The components a site's settings are stated to. */
	public enum Component {

		APP_SERVER("App server"), ROUTER("Router");

		private final String title;

		Component(String title) {
			this.title = title;
		}

		public String title() {
			return title;
		}

	}

}
