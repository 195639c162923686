package edu.tjhsst.director.orchestrator.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.disk.SiteDisks;
import edu.tjhsst.director.orchestrator.disk.SiteIds;
import edu.tjhsst.director.orchestrator.disk.SitesVolume;
import edu.tjhsst.director.orchestrator.service.NoSuchProcessException;
import edu.tjhsst.director.orchestrator.service.SiteServices;
import edu.tjhsst.director.orchestrator.terminal.TerminalContainers;

/**
 * Brings this platform's sites up to what this orchestrator makes, once at its start, before the API answers: each
 * site's folder on the sites' volume gets the default disk limit if it has none yet (a site copied onto a new volume),
 * each site's process made before the subvolume guard is put under it, and terminal containers go (sessions end with
 * the orchestrator anyway; new ones are made as they are now). When this start mounted the volume (the machine
 * restarted, or the volume is new), every process starts afresh too: Docker started them on the folder beneath the
 * mount, where a site's folder does not exist, so they failed or run on a copy that is no longer the site's. Only
 * sites with a folder in this platform's {@code sites/} are touched; other platforms on the same engine are not.
 */
@Component
class SitesAtStart implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SitesAtStart.class);

	private final OrchestratorProperties properties;

	private final SitesVolume volume;

	private final SiteDisks disks;

	private final SiteServices services;

	private final TerminalContainers terminals;

	private volatile boolean running;

	SitesAtStart(OrchestratorProperties properties, SitesVolume volume, SiteDisks disks, SiteServices services,
			TerminalContainers terminals) {
		this.properties = properties;
		this.volume = volume;
		this.disks = disks;
		this.services = services;
		this.terminals = terminals;
	}

	@Override
	public void start() {
		running = true;
		if (!properties.appserver().bootstrap()) {
			return;
		}
		int guarded = 0;
		int restarted = 0;
		List<Long> ids;
		try {
			ids = SiteIds.in(properties.sitesDir());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the sites' folders", ex);
		}
		try {
			disks.limitIfUnlimited(ids, SiteLimits.DEFAULTS.diskMiB());
		}
		catch (IOException | RuntimeException ex) {
			log.warn("cannot read or set the sites' disk limits at start: {}", ex.getMessage());
		}
		// One listing of each kind, not three Docker calls a site: at 10,000 sites those took longer than a start may.
		DockerListing listed = DockerListing.of(services, terminals);
		for (long id : ids) {
			try {
				if (listed.mayHaveTerminal(id)) {
					terminals.remove(id);
				}
				if (!listed.mayHaveService(id)) {
					continue;
				}
				if (services.guard(id)) {
					guarded++;
				}
				else if (volume.mountedNow()) {
					services.restart(id);
					restarted++;
				}
			}
			catch (NoSuchProcessException ex) {
				// Gone since the listing.
			}
			catch (RuntimeException ex) {
				log.warn("cannot bring site {} up to date at start: {}", id, ex.getMessage());
			}
		}
		log.info("at start: {} sites' processes put under the subvolume guard, {} restarted on the sites' volume",
				guarded, restarted);
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** After the appserver Nginx is up (phase 0), before the API answers. */
	@Override
	public int getPhase() {
		return 1;
	}

}
