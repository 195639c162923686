package edu.tjhsst.director.manager.site;

import java.util.List;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;

/**
 * What an administrator sets for one site, already checked against {@link SiteLimits}' bounds; a null limit takes
 * the platform's default.
 * @param cpuMillis CPU in thousandths of a core
 * @param memoryMiB memory in MiB
 * @param pids the most processes and threads at once
 * @param maxBodyMiB the largest request body in MiB
 * @param diskMiB the most disk space its files may take, in MiB
 * @param availability whether the site is served
 */
public record SiteSettings(Long cpuMillis, Long memoryMiB, Long pids, Long maxBodyMiB, Long diskMiB,
		SiteAvailability availability) {

	public SiteSettings {
		if (availability == null) {
			throw new IllegalArgumentException("availability is required");
		}
		List<String> problems = limits(cpuMillis, memoryMiB, pids, maxBodyMiB, diskMiB).problems();
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
		// A value equal to the default is stored as "default", so a later change of the default reaches it.
		cpuMillis = unlessDefault(cpuMillis, SiteLimits.DEFAULTS.cpuMillis());
		memoryMiB = unlessDefault(memoryMiB, SiteLimits.DEFAULTS.memoryMiB());
		pids = unlessDefault(pids, SiteLimits.DEFAULTS.pids());
		maxBodyMiB = unlessDefault(maxBodyMiB, SiteLimits.DEFAULTS.maxBodyMiB());
		diskMiB = unlessDefault(diskMiB, SiteLimits.DEFAULTS.diskMiB());
	}

	/** The limits these settings give, with defaults filled in. */
	public SiteLimits limits() {
		return limits(cpuMillis, memoryMiB, pids, maxBodyMiB, diskMiB);
	}

	private static SiteLimits limits(Long cpuMillis, Long memoryMiB, Long pids, Long maxBodyMiB, Long diskMiB) {
		return new SiteLimits(cpuMillis, memoryMiB, pids, maxBodyMiB, diskMiB);
	}

	private static Long unlessDefault(Long value, long defaultValue) {
		return value == null || value == defaultValue ? null : value;
	}

}
