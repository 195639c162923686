package edu.tjhsst.director.router.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.Convergence;
import edu.tjhsst.director.common.site.SiteIds;
import edu.tjhsst.director.common.site.Route;
import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.router.api.ApiErrors;
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
		List<String> problems = problems(siteId, route);
		if (!problems.isEmpty()) {
			throw badRequest(String.join("; ", problems));
		}
		return Convergence.applied(siteId, sentences(Reloads.await(routes.apply(route))));
	}

	/**
	 * Puts many routes at once, answering each in the order given: their files share one test and one reload. A route
	 * with problems, or one Nginx refuses, is refused alone; a reload that fails fails the batch (503), as it would
	 * each route. At most {@link SiteOutcome#MOST_PER_BATCH}, each site once.
	 */
	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	List<SiteOutcome> putAll(@RequestBody List<Route> batch) {
		SiteOutcome.batchProblem(batch, Route::siteId, "routes").ifPresent(problem -> {
			throw badRequest(problem);
		});
		Map<Long, CompletableFuture<ConfigChange>> applying = new HashMap<>();
		Map<Long, SiteOutcome> refused = new HashMap<>();
		for (Route route : batch) {
			List<String> problems = problems(route.siteId(), route);
			if (problems.isEmpty()) {
				applying.put(route.siteId(), routes.apply(route));
			}
			else {
				refused.put(route.siteId(), SiteOutcome.refused(route.siteId(), String.join("; ", problems)));
			}
		}
		List<SiteOutcome> outcomes = new ArrayList<>();
		for (Route route : batch) {
			CompletableFuture<ConfigChange> change = applying.get(route.siteId());
			if (change == null) {
				outcomes.add(refused.get(route.siteId()));
				continue;
			}
			try {
				outcomes.add(SiteOutcome.applied(route.siteId(), sentences(Reloads.await(change))));
			}
			catch (NginxRejectedException ex) {
				outcomes.add(SiteOutcome.refused(route.siteId(), ApiErrors.refusal(ex)));
			}
		}
		return outcomes;
	}

	/** What is wrong with the route for the site the path names, if anything. */
	private List<String> problems(long siteId, Route route) {
		List<String> problems = new ArrayList<>(route.problems());
		if (route.siteId() != siteId) {
			problems.add("the site id in the path (" + siteId + ") and in the body (" + route.siteId() + ") differ");
		}
		// The portal's name is the router's own: a site listing it would get the portal's certificate, and its
		// traffic whenever the portal's file is not loaded.
		if (!portalHost.isEmpty() && route.hosts().contains(portalHost)) {
			problems.add(portalHost + " is the portal's name; no site may be routed on it");
		}
		return problems;
	}

	private static List<String> sentences(ConfigChange change) {
		String sentence = change.sentence("The site's route on the router");
		return sentence == null ? List.of() : List.of(sentence);
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
