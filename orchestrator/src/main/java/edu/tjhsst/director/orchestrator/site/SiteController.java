package edu.tjhsst.director.orchestrator.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import edu.tjhsst.director.common.site.Convergence;
import edu.tjhsst.director.common.site.SiteIds;
import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.RejectedInputException;

/**
 * Makes a site on this app server look like its spec ({@code PUT}), or many sites at once, saying what had to
 * change, or removes it ({@code DELETE}).
 */
@RestController
@RequestMapping("/sites")
class SiteController {

	private final SiteConverger sites;

	private final SpecProblems checks;

	private final BatchConverger batches;

	SiteController(SiteConverger sites, SpecProblems checks, BatchConverger batches) {
		this.sites = sites;
		this.checks = checks;
		this.batches = batches;
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	Convergence apply(@PathVariable long id, @RequestBody SiteSpec spec) {
		List<String> problems = problems(id, spec);
		if (!problems.isEmpty()) {
			throw new RejectedInputException(String.join("; ", problems));
		}
		return Convergence.applied(id, sites.apply(spec));
	}

	/**
	 * Converges many sites at once ({@link BatchConverger}), answering each in the order given; a spec with problems
	 * is refused alone. At most {@link SiteOutcome#MOST_PER_BATCH}, each site once.
	 */
	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	List<SiteOutcome> applyAll(@RequestBody List<SiteSpec> specs) {
		SiteOutcome.batchProblem(specs, SiteSpec::id, "sites").ifPresent(problem -> {
			throw new RejectedInputException(problem);
		});
		Map<Long, SiteOutcome> outcomes = new HashMap<>();
		List<SiteSpec> valid = new ArrayList<>();
		for (SiteSpec spec : specs) {
			List<String> problems = problems(spec.id(), spec);
			if (problems.isEmpty()) {
				valid.add(spec);
			}
			else {
				outcomes.put(spec.id(), SiteOutcome.refused(spec.id(), String.join("; ", problems)));
			}
		}
		batches.apply(valid).forEach(outcome -> outcomes.put(outcome.siteId(), outcome));
		return specs.stream().map(spec -> outcomes.get(spec.id())).toList();
	}

	/** What is wrong with the spec for the site the path names, if anything. */
	private List<String> problems(long id, SiteSpec spec) {
		List<String> problems = new ArrayList<>(checks.of(spec));
		if (spec.id() != id) {
			problems.add("the path names site " + id + " but the body describes site " + spec.id());
		}
		return problems;
	}

	/** The sites this app server serves something of, so that the manager can tell what is left of deleted ones. */
	@GetMapping
	SiteIds list() {
		return new SiteIds(List.copyOf(sites.present()));
	}

	/**
	 * Stops serving a site the manager no longer knows, keeping its files (see {@link SiteConverger#retire}); nothing
	 * to do if nothing of it is served.
	 */
	@DeleteMapping("/{id}/serving")
	Convergence retire(@PathVariable long id) {
		if (id <= 0) {
			throw new RejectedInputException("id must be positive");
		}
		return new Convergence(id, "retired", sites.retire(id));
	}

	@DeleteMapping("/{id}")
	Convergence delete(@PathVariable long id) {
		if (id <= 0) {
			throw new RejectedInputException("id must be positive");
		}
		sites.delete(id);
		return Convergence.removed(id);
	}

}
