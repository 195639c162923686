package edu.tjhsst.director.router.nginx;

import java.util.concurrent.CompletableFuture;

import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.Route;

/** What the router's Nginx does for Director: forward a site's host names to the app servers, or stop. */
public interface RouteConfigs {

	/**
	 * Makes the site's route exactly this; repeating the same route changes nothing.
	 * @param route a route whose {@link Route#problems()} are empty
	 * @return completes once Nginx serves the route
	 * @throws NginxRejectedException when Nginx refuses the route; the previous one stays
	 */
	CompletableFuture<Void> apply(Route route);

	/** Removes the site's route if it has one; completes once Nginx no longer serves it. */
	CompletableFuture<Void> remove(long siteId);

	/** Whether the router's Nginx is running. */
	boolean serving();

}
