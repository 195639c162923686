package edu.tjhsst.director.orchestrator.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.nginx.NginxConfigDirectory;
import edu.tjhsst.director.common.site.Convergence;
import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.appserver.AppserverUnavailableException;
import edu.tjhsst.director.orchestrator.disk.NoSuchSiteException;
import edu.tjhsst.director.orchestrator.docker.DockerServices;
import edu.tjhsst.director.orchestrator.docker.SiteNames;
import edu.tjhsst.director.orchestrator.nginx.AppserverTemplates;
import edu.tjhsst.director.orchestrator.operator.OperatorApi;
import edu.tjhsst.director.orchestrator.service.SiteServices;

/**
 * What operators see of the sites on this app server and how they put one or all of them back to their last applied
 * specs ({@link AppliedSpecs}): after a service was removed by hand, a web server file lost, while the manager is
 * away. What a site should be is still the manager's to say.
 */
@RestController
@OperatorApi
@RequestMapping(OperatorApi.PATH + "/sites")
class OperatorSiteController {

	static final int MOST_PER_PAGE = 1000;

	private final SiteConverger sites;

	private final BatchConverger batches;

	private final AppliedSpecs applied;

	private final NginxConfigDirectory configs;

	private final SiteServices services;

	private final DockerServices docker;

	private final SiteNames names;

	private final Semaphore convergingAll = new Semaphore(1);

	OperatorSiteController(SiteConverger sites, BatchConverger batches, AppliedSpecs applied,
			NginxConfigDirectory configs, SiteServices services, DockerServices docker, SiteNames names) {
		this.sites = sites;
		this.batches = batches;
		this.applied = applied;
		this.configs = configs;
		this.services = services;
		this.docker = docker;
		this.names = names;
	}

	/** One page of the sites this app server serves something of or has a spec of, by id. */
	@GetMapping
	OperatorSitePage list(@RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit) {
		if (offset < 0 || limit < 1 || limit > MOST_PER_PAGE) {
			throw new RejectedInputException("offset must be 0 or more and limit 1 to " + MOST_PER_PAGE);
		}
		Map<Long, SiteSpec> specs = new LinkedHashMap<>();
		applied.all().forEach(spec -> specs.put(spec.id(), spec));
		Set<Long> withService = services.ids();
		List<String> files = configs.fileNames();
		Set<Long> ids = new TreeSet<>(specs.keySet());
		ids.addAll(withService);
		files.stream().map(AppserverTemplates::siteOfFile).flatMap(Optional::stream).forEach(ids::add);
		List<OperatorSite> page = ids.stream().skip(offset).limit(limit)
			.map(id -> OperatorSite.of(id, specs.get(id), withService.contains(id),
					files.stream().filter(AppserverTemplates.siteFileNames(id)::contains).toList()))
			.toList();
		return new OperatorSitePage(ids.size(), offset, limit, page);
	}

	/** One site: its last applied spec (with its secrets' values left out), web server files, process and tasks. */
	@GetMapping("/{id}")
	OperatorSiteDetail inspect(@PathVariable long id) {
		requireId(id);
		Optional<SiteSpec> spec = applied.find(id);
		Map<String, String> files = new LinkedHashMap<>();
		for (String fileName : AppserverTemplates.siteFileNames(id)) {
			configs.read(fileName).ifPresent(content -> files.put(fileName, content));
		}
		boolean service = services.exists(id);
		if (spec.isEmpty() && files.isEmpty() && !service) {
			throw new NoSuchSiteException("this app server has nothing of site " + id);
		}
		return new OperatorSiteDetail(OperatorSite.of(id, spec.orElse(null), service, List.copyOf(files.keySet())),
				spec.map(OperatorSiteDetail::envNames).orElse(List.of()), files,
				service ? services.status(id) : null,
				service ? docker.tasks(names.service(id)).stream().map(OperatorTask::of).toList() : List.of());
	}

	/**
	 * Converges the site to its last applied spec; 404 when it has none here (the manager's next round sends it), 400
	 * when that spec can no longer be applied here.
	 */
	@PostMapping("/{id}/converge")
	Convergence converge(@PathVariable long id) {
		requireId(id);
		return Convergence.applied(id, sites.reapply(id, DockerListing.UNLISTED));
	}

	/**
	 * Converges every site with an applied spec, a batch at a time (one Nginx test and reload a batch), answering
	 * what each needed, or why it was not converged (an app server that failed a batch is that batch's sites'
	 * answer; the next batches are still tried). One at a time: a second is refused while one runs.
	 */
	@PostMapping("/converge")
	List<SiteOutcome> convergeAll() {
		if (!convergingAll.tryAcquire()) {
			throw new ConvergeBusyException("every site is being converged already; wait for that to finish");
		}
		try {
			List<Long> ids = sites.appliedIds();
			List<SiteOutcome> outcomes = new ArrayList<>();
			for (int start = 0; start < ids.size(); start += SiteOutcome.MOST_PER_BATCH) {
				List<Long> batch = ids.subList(start, Math.min(ids.size(), start + SiteOutcome.MOST_PER_BATCH));
				try {
					outcomes.addAll(batches.reapply(batch));
				}
				catch (AppserverUnavailableException ex) {
					batch.forEach(id -> outcomes.add(SiteOutcome.refused(id, ex.getMessage())));
				}
			}
			return outcomes;
		}
		finally {
			convergingAll.release();
		}
	}

	private static void requireId(long id) {
		if (id <= 0) {
			throw new RejectedInputException("a site id is positive");
		}
	}

}
