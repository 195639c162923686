package edu.tjhsst.director.manager.site;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.signing.ComponentCallException;
import edu.tjhsst.director.common.site.DiskUsage;
import edu.tjhsst.director.manager.remote.OrchestratorClient;

/**
 * A site's disk use as its page shows it. The page is for everyone who may see the site and must render whatever the
 * orchestrator does, so an unreachable or failing orchestrator shows as an unknown use, never as a failed page.
 */
@Component
class SiteDisk {

	private static final Logger log = LoggerFactory.getLogger(SiteDisk.class);

	/** Sizes in steps of 1024, named as people say them. */
	private static final String[] UNITS = { "KB", "MB", "GB", "TB", "PB" };

	private final OrchestratorClient orchestrator;

	SiteDisk(OrchestratorClient orchestrator) {
		this.orchestrator = orchestrator;
	}

	/** One call to the orchestrator, with its short timeout for what pages show. */
	DiskLine of(long siteId) {
		DiskUsage usage;
		try {
			usage = orchestrator.disk(siteId);
		}
		catch (ComponentCallException | UncheckedIOException ex) {
			log.warn("could not read the disk use of site {}: {}", siteId, ex.getMessage());
			return DiskLine.UNKNOWN;
		}
		String used = "Disk: " + size(usage.usedBytes()) + " used";
		if (usage.limitBytes() == null) {
			return new DiskLine(used + " (not limited on this platform)", false);
		}
		return new DiskLine(used + " of " + size(usage.limitBytes()), usage.full());
	}

	/** Bytes in binary steps with at most one decimal, such as {@code 3.2 MB}, {@code 1 GB} or {@code 512 bytes}. */
	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + (bytes == 1 ? " byte" : " bytes");
		}
		BigDecimal value = BigDecimal.valueOf(bytes);
		BigDecimal step = BigDecimal.valueOf(1024);
		int unit = -1;
		// Divide before rounding, and step up again when the rounding reaches the next unit (1023.96 KB is 1 MB).
		while (unit < UNITS.length - 1 && value.setScale(1, RoundingMode.HALF_UP).compareTo(step) >= 0) {
			value = value.divide(step);
			unit++;
		}
		return value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " " + UNITS[unit];
	}

	/**
	 * What the page says about the site's disk.
	 * @param text the sentence to show
	 * @param full whether its files take all the space they may, so that writing them fails
	 */
	record DiskLine(String text, boolean full) {

		static final DiskLine UNKNOWN = new DiskLine("Disk use is unknown right now.", false);

	}

}
