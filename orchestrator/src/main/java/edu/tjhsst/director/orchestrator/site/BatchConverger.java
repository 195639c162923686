package edu.tjhsst.director.orchestrator.site;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import edu.tjhsst.director.common.nginx.NginxRejectedException;
import edu.tjhsst.director.common.site.SiteOutcome;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.orchestrator.RejectedInputException;
import edu.tjhsst.director.orchestrator.appserver.AppserverUnavailableException;
import edu.tjhsst.director.orchestrator.disk.DiskFullException;
import edu.tjhsst.director.orchestrator.disk.NoSuchSiteException;
import edu.tjhsst.director.orchestrator.service.SiteServices;
import edu.tjhsst.director.orchestrator.terminal.TerminalContainers;

/**
 * Converges a batch of sites at once, each as {@link SiteConverger#apply} would alone: their Nginx files then share
 * one test and one reload, where one site after the other would wait for a reload each (applying 10,000 sites onto a
 * fresh app server, or after a restore, is a hundred batches rather than 10,000 reloads). One site's failure is that
 * site's answer; an app server that cannot test or reload fails the batch, as it would each site.
 */
@Service
class BatchConverger implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BatchConverger.class);

	/**
	 * Sites converged at once: the manager's four batches at a time, since most of a site's time is spent waiting for
	 * the shared reload, the rest in small file system calls and the odd program (a new site's subvolume). With 16, a
	 * reload took the changes of 16 sites and 1,000 new sites took 53 s to apply (bench/scale.py). Idle threads end.
	 */
	private static final int THREADS = 4 * SiteOutcome.MOST_PER_BATCH;

	/**
	 * How long a site of a batch may wait for a thread before it is left for the next round: well within the time the
	 * manager waits for the batch's answer (60 s), after which it no longer holds the sites' rows, and a newer spec of
	 * an operation could reach a site before this older one did, which would then undo it.
	 */
	private static final Duration START_WITHIN = Duration.ofSeconds(20);

	private static final String LATE = "not converged: the batch took too long to reach this site; the next round"
			+ " tries again";

	private final SiteConverger sites;

	private final SiteServices services;

	private final TerminalContainers terminals;

	private final ExecutorService workers;

	BatchConverger(SiteConverger sites, SiteServices services, TerminalContainers terminals) {
		this.sites = sites;
		this.services = services;
		this.terminals = terminals;
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), runnable -> {
					Thread thread = new Thread(runnable, "converge-batch-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		this.workers = pool;
	}

	/**
	 * @param specs checked specs of distinct sites
	 * @return each site's outcome, in the order of the specs
	 * @throws AppserverUnavailableException when the app server could not test or reload for any of them
	 */
	List<SiteOutcome> apply(List<SiteSpec> specs) {
		return run(specs.stream().map(spec -> new Site(spec.id(), listed -> sites.apply(spec, listed))).toList());
	}

	/**
	 * Converges each site again to its applied spec, as {@link SiteConverger#reapply} does alone: a site deleted
	 * meanwhile, or whose spec can no longer be applied here, is refused with why.
	 * @param ids distinct sites
	 */
	List<SiteOutcome> reapply(List<Long> ids) {
		return run(ids.stream().map(id -> new Site(id, listed -> sites.reapply(id, listed))).toList());
	}

	private List<SiteOutcome> run(List<Site> batch) {
		long deadline = System.nanoTime() + START_WITHIN.toNanos();
		DockerListing listed = DockerListing.of(services, terminals);
		List<CompletableFuture<SiteOutcome>> running = new ArrayList<>();
		for (Site site : batch) {
			running.add(CompletableFuture.supplyAsync(() -> System.nanoTime() - deadline > 0
					? SiteOutcome.refused(site.id(), LATE) : outcome(site, listed), workers));
		}
		List<SiteOutcome> outcomes = new ArrayList<>();
		AppserverUnavailableException unavailable = null;
		for (CompletableFuture<SiteOutcome> site : running) {
			try {
				outcomes.add(site.join());
			}
			catch (RuntimeException ex) {
				if (ex.getCause() instanceof AppserverUnavailableException cause) {
					unavailable = cause;
				}
				else {
					throw ex;
				}
			}
		}
		if (unavailable != null) {
			throw unavailable;
		}
		return outcomes;
	}

	/** The site's outcome, as the API's error mapping would answer for it alone; the app server's failure is thrown. */
	private SiteOutcome outcome(Site site, DockerListing listed) {
		try {
			return SiteOutcome.applied(site.id(), site.converge().apply(listed));
		}
		catch (NginxRejectedException | RejectedInputException | DiskFullException | NoSuchSiteException ex) {
			return SiteOutcome.refused(site.id(), ex.getMessage());
		}
		catch (AppserverUnavailableException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			log.error("converging site {} failed", site.id(), ex);
			return SiteOutcome.refused(site.id(), "internal error; see the orchestrator's log");
		}
	}

	/** One site of a batch, and how it is converged. */
	private record Site(long id, Function<DockerListing, List<String>> converge) {
	}

	@Override
	public void destroy() {
		workers.shutdownNow();
	}

}
