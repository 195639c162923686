package edu.tjhsst.director.orchestrator.service;

import java.io.Closeable;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import edu.tjhsst.director.common.site.SiteSpec;

/** The Swarm services that run dynamic sites' processes, one per site, named by {@link edu.tjhsst.director.orchestrator.docker.SiteNames}. */
public interface SiteServices {

	/**
	 * Makes the site's service match its spec: a dynamic site gets its service created or updated, any other site
	 * loses it. Repeating a spec changes nothing.
	 * @return what had to change
	 * @throws IllegalArgumentException when a dynamic spec names neither an image nor a known runtime
	 */
	Change apply(SiteSpec spec);

	/**
	 * Removes the site's service and waits for its container to stop; nothing to do if there is none.
	 * @return whether there was one
	 */
	boolean remove(long siteId);

	/**
	 * Which sites may have a service, from one listing of every service's name (whoever made it): a batch of sites
	 * asks once rather than once a site. A service made after the listing is not seen.
	 */
	Predicate<Long> listed();

	/** The ids of the sites that have a service on this platform (named as its, see SiteNames). */
	Set<Long> ids();

	/** Whether the site has its service, as {@link #ids()} would list it, asked of that one service. */
	boolean exists(long siteId);

	/** What the site's process is doing now. */
	ProcessStatus status(long siteId);

	/**
	 * Starts the site's process afresh in a new container.
	 * @throws NoSuchProcessException when the site has no service
	 */
	void restart(long siteId);

	/**
	 * Puts the site's service, if it has one made before the current subvolume guard, under it, which restarts its
	 * process; nothing to do otherwise.
	 * @return whether the service was changed
	 */
	boolean guard(long siteId);

	/** The last lines the site's process wrote, oldest first, across its recent containers. */
	String logs(long siteId, int tail);

	/**
	 * Gives the sink the last lines the site's process wrote, oldest first, then each new line as it is written,
	 * across restarts, until the returned handle is closed. A site without a service gives nothing.
	 */
	Closeable follow(long siteId, int tail, Consumer<String> sink);

	/** What making a site's service match its spec changed. */
	enum Change {

		NONE, CREATED, UPDATED, REMOVED;

		/** A sentence saying what was put right, or null when nothing was. */
		public String sentence() {
			return switch (this) {
				case NONE -> null;
				case CREATED -> "The site's service was missing; it was created again.";
				case UPDATED -> "The site's service differed from the site's settings; it was updated.";
				case REMOVED -> "The site had a service it should not have; it was removed.";
			};
		}

	}

}
