package edu.tjhsst.director.router.route;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import edu.tjhsst.director.common.nginx.ConfigChange;
import edu.tjhsst.director.common.site.Convergence;
import edu.tjhsst.director.common.site.SiteIds;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.router.api.Reloads;
import edu.tjhsst.director.router.RouterProperties;
import edu.tjhsst.director.router.nginx.RouteConfigs;

/** Puts and deletes site routes declaratively: each call states the whole route and may be repeated. */
@RestController
@RequestMapping("/routes")
class RouteController {

	private final RouteConfigs routes;

	private final String portalHost;

	RouteController(RouteConfigs routes, RouterProperties properties) {
		this.routes = routes;
		this.portalHost = properties.portalHost();
	}

	@PutMapping(path = "/{siteId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Convergence put(@PathVariable long siteId, @RequestBody Route route) {
		requirePositive(siteId);
		if (route.siteId() != siteId) {
			throw badRequest("the site id in the path (" + siteId + ") and in the body (" + route.siteId()
					+ ") differ");
		}
		List<String> problems = route.problems();
		if (!problems.isEmpty()) {
			throw badRequest(String.join("; ", problems));
		}
		// The portal's name is the router's own: a site listing it would get the portal's certificate, and its
		// traffic whenever the portal's file is not loaded.
		if (!portalHost.isEmpty() && route.hosts().contains(portalHost)) {
			throw badRequest(portalHost + " is the portal's name; no site may be routed on it");
		}
		ConfigChange change = Reloads.await(routes.apply(route));
		String sentence = change.sentence("The site's route on the router");
		return Convergence.applied(siteId, sentence == null ? List.of() : List.of(sentence));
	}

	/** The sites that have a route, so that the manager can tell what is left of deleted ones. */
	@GetMapping
	SiteIds list() {
		return new SiteIds(List.copyOf(routes.routed()));
	}

	@DeleteMapping("/{siteId}")
	Convergence delete(@PathVariable long siteId) {
		requirePositive(siteId);
		boolean routed = routes.routed().contains(siteId);
		Reloads.await(routes.remove(siteId));
		return new Convergence(siteId, "removed", routed ? List.of("The route of site " + siteId + " was removed.")
				: List.of());
	}

	private static void requirePositive(long siteId) {
		if (siteId <= 0) {
			throw badRequest("siteId must be positive");
		}
	}

	private static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

}
