package edu.tjhsst.director.orchestrator.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.orchestrator.OrchestratorProperties;
import edu.tjhsst.director.orchestrator.api.NotFoundException;
import edu.tjhsst.director.orchestrator.disk.SitesVolume;
import edu.tjhsst.director.orchestrator.service.SiteServices;
import edu.tjhsst.director.orchestrator.terminal.TerminalContainers;

/**
 * When this start mounted the sites' volume (the machine restarted, or the volume is new), each of this platform's
 * sites' processes starts afresh, and its terminal container goes: Docker started them on the folder beneath the mount,
 * where a site's folder does not exist, so they failed or run on a copy that is no longer the site's. Only sites with
 * a folder in this platform's {@code sites/} are touched; other platforms on the same engine are not.
 */
@Component
class SitesAfterMount implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SitesAfterMount.class);

	private static final Pattern SITE_FOLDER = Pattern.compile("^[1-9][0-9]{0,18}$");

	private final OrchestratorProperties properties;

	private final SitesVolume volume;

	private final SiteServices services;

	private final TerminalContainers terminals;

	private volatile boolean running;

	SitesAfterMount(OrchestratorProperties properties, SitesVolume volume, SiteServices services,
			TerminalContainers terminals) {
		this.properties = properties;
		this.volume = volume;
		this.services = services;
		this.terminals = terminals;
	}

	@Override
	public void start() {
		running = true;
		if (!volume.mountedNow() || !properties.appserver().bootstrap()) {
			return;
		}
		int restarted = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(properties.sitesDir())) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (!SITE_FOLDER.matcher(name).matches()) {
					continue;
				}
				long id = Long.parseLong(name);
				terminals.remove(id);
				try {
					services.restart(id);
					restarted++;
				}
				catch (NotFoundException ex) {
					// A static site has no process.
				}
				catch (RuntimeException ex) {
					log.warn("cannot restart the process of site {} after mounting the sites' volume: {}", id,
							ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the sites' folders", ex);
		}
		log.info("restarted {} sites' processes on the sites' volume just mounted", restarted);
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
