package edu.tjhsst.director.manager.site;

import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.manager.remote.OrchestratorClient;
import edu.tjhsst.director.manager.remote.ProcessStatus;

/** A dynamic site's process as its page shows it; an unreachable orchestrator shows as an unknown state. */
@Component
class SiteProcess {

	/** How many of the last log lines the page shows. */
	static final int LOG_LINES = 200;

	private static final Logger log = LoggerFactory.getLogger(SiteProcess.class);

	private final OrchestratorClient orchestrator;

	SiteProcess(OrchestratorClient orchestrator) {
		this.orchestrator = orchestrator;
	}

	ProcessStatus status(long siteId) {
		try {
			return orchestrator.process(siteId);
		}
		catch (ComponentCallException | UncheckedIOException ex) {
			log.warn("could not read the process status of site {}: {}", siteId, ex.getMessage());
			return ProcessStatus.unknown();
		}
	}

	/** The last lines the process wrote, or a note saying they could not be read. */
	String logs(long siteId) {
		try {
			return orchestrator.logs(siteId, LOG_LINES);
		}
		catch (ComponentCallException ex) {
			log.warn("could not read the log of site {}: {}", siteId, ex.getMessage());
			return "(The log could not be read from the app server; it is tried again in a moment.)";
		}
	}

}
