package edu.tjhsst.director.common.site;

import java.util.ArrayList;
import java.util.List;

/**
 * The resources a site's process may use; a missing value takes its default.
 * @param cpuMillis CPU time in thousandths of a core, 50 to 4000
 * @param memoryMiB memory in MiB, 32 to 4096
 * @param pids the most processes and threads at once, 16 to 1024
 * @param maxBodyMiB the largest request body the site accepts, in MiB, 1 to 1024
 * @param diskMiB the most its files may take on disk, in MiB, 16 to 1048576 (1 TiB); enforced where the sites' files
 *        are on the platform's volume (the orchestrator's {@code sites-volume})
 */
public record SiteLimits(Long cpuMillis, Long memoryMiB, Long pids, Long maxBodyMiB, Long diskMiB) {

	public static final long MIN_CPU_MILLIS = 50;

	public static final long MAX_CPU_MILLIS = 4000;

	public static final long MIN_MEMORY_MIB = 32;

	public static final long MAX_MEMORY_MIB = 4096;

	public static final long MIN_PIDS = 16;

	public static final long MAX_PIDS = 1024;

	public static final long MIN_BODY_MIB = 1;

	public static final long MAX_BODY_MIB = 1024;

	public static final long MIN_DISK_MIB = 16;

	public static final long MAX_DISK_MIB = 1024L * 1024;

	/** Half a core, 256 MiB, 128 processes, request bodies up to 32 MiB and 1 GiB of files. */
	public static final SiteLimits DEFAULTS = new SiteLimits(null, null, null, null, null);

	public SiteLimits {
		cpuMillis = cpuMillis == null ? 500L : cpuMillis;
		memoryMiB = memoryMiB == null ? 256L : memoryMiB;
		pids = pids == null ? 128L : pids;
		maxBodyMiB = maxBodyMiB == null ? 32L : maxBodyMiB;
		diskMiB = diskMiB == null ? 1024L : diskMiB;
	}

	/** Limits with the default disk space. */
	public SiteLimits(Long cpuMillis, Long memoryMiB, Long pids, Long maxBodyMiB) {
		this(cpuMillis, memoryMiB, pids, maxBodyMiB, null);
	}

	/** Limits with the default maximum request body. */
	public SiteLimits(Long cpuMillis, Long memoryMiB, Long pids) {
		this(cpuMillis, memoryMiB, pids, null, null);
	}

	/** Everything wrong with these limits, empty when they may be applied. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (cpuMillis < MIN_CPU_MILLIS || cpuMillis > MAX_CPU_MILLIS) {
			problems.add("cpu must be between " + MIN_CPU_MILLIS + " and " + MAX_CPU_MILLIS + " millicores");
		}
		if (memoryMiB < MIN_MEMORY_MIB || memoryMiB > MAX_MEMORY_MIB) {
			problems.add("memory must be between " + MIN_MEMORY_MIB + " and " + MAX_MEMORY_MIB + " MiB");
		}
		if (pids < MIN_PIDS || pids > MAX_PIDS) {
			problems.add("pids must be between " + MIN_PIDS + " and " + MAX_PIDS);
		}
		if (maxBodyMiB < MIN_BODY_MIB || maxBodyMiB > MAX_BODY_MIB) {
			problems.add("maxBody must be between " + MIN_BODY_MIB + " and " + MAX_BODY_MIB + " MiB");
		}
		if (diskMiB < MIN_DISK_MIB || diskMiB > MAX_DISK_MIB) {
			problems.add("disk must be between " + MIN_DISK_MIB + " and " + MAX_DISK_MIB + " MiB");
		}
		return problems;
	}

}
