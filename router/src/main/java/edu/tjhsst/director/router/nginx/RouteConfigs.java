package edu.tjhsst.director.router.nginx;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import edu.tjhsst.director.common.nginx.ConfigChange;
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.router.tls.CheckedCertificate;

/** What the router's Nginx does for Director: forward a site's host names to the app servers,
 * over HTTPS for those with a certificate, or stop. */
public interface RouteConfigs {

	/**
	 * Makes the site's route exactly this; repeating the same route changes nothing.
	 * @param route a route whose {@link Route#problems()} are empty
	 * @return completes once Nginx serves the route, with what differed in its file before, or fails with an
	 *         {@link NginxRejectedException} when Nginx refuses the route; the previous one then stays
	 */
	CompletableFuture<ConfigChange> apply(Route route);

	/** The sites that have a route. */
	Set<Long> routed();

	/** Removes the site's route if it has one; completes once Nginx no longer serves it. */
	CompletableFuture<Void> remove(long siteId);

	/**
	 * Serves a checked certificate for its host in every route that lists the host, now and in routes put later;
	 * older versions of it go once Nginx accepted the new one.
	 * @return completes once Nginx serves it
	 * @throws NginxRejectedException when Nginx refuses it (this waits for the reload that tests it); the previous
	 *         certificate stays and the new one is gone
	 */
	CompletableFuture<Void> serveCertificate(CheckedCertificate certificate);

	/** Serves the host over plain HTTP again and deletes its certificates; completes once Nginx does. */
	CompletableFuture<Void> withdrawCertificate(String host);

	/** Whether the router's Nginx is running. */
	boolean serving();

}
