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
 * @param phpWorkers how many requests a PHP site's php-fpm runs at once, 1 to {@link #phpWorkersAllowed()}
 */
public record SiteLimits(Long cpuMillis, Long memoryMiB, Long pids, Long maxBodyMiB, Long diskMiB, Long phpWorkers) {

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

	public static final long DEFAULT_PHP_WORKERS = 5;

	/** The most php-fpm workers any site may have, whatever its memory. */
	public static final long MAX_PHP_WORKERS = 32;

	/**
	 * The memory each php-fpm worker is counted at: WordPress's front page took 30 to 40 MiB a worker here, so more
	 * workers than memory / 32 MiB would have the kernel kill them under load rather than queue the requests.
	 */
	public static final long MIB_PER_PHP_WORKER = 32;

	/** Half a core, 256 MiB, 128 processes, request bodies up to 32 MiB, 1 GiB of files and 5 PHP workers. */
	public static final SiteLimits DEFAULTS = new SiteLimits(null, null, null, null, null, null);

	public SiteLimits {
		cpuMillis = cpuMillis == null ? 500L : cpuMillis;
		memoryMiB = memoryMiB == null ? 256L : memoryMiB;
		pids = pids == null ? 128L : pids;
		maxBodyMiB = maxBodyMiB == null ? 32L : maxBodyMiB;
		diskMiB = diskMiB == null ? 1024L : diskMiB;
		phpWorkers = phpWorkers == null ? Math.min(DEFAULT_PHP_WORKERS, phpWorkersAllowed(memoryMiB)) : phpWorkers;
	}

	/** Limits with the default PHP worker count. */
	public SiteLimits(Long cpuMillis, Long memoryMiB, Long pids, Long maxBodyMiB, Long diskMiB) {
		this(cpuMillis, memoryMiB, pids, maxBodyMiB, diskMiB, null);
	}

	/** Limits with the default disk space. */
	public SiteLimits(Long cpuMillis, Long memoryMiB, Long pids, Long maxBodyMiB) {
		this(cpuMillis, memoryMiB, pids, maxBodyMiB, null);
	}

	/** Limits with the default maximum request body. */
	public SiteLimits(Long cpuMillis, Long memoryMiB, Long pids) {
		this(cpuMillis, memoryMiB, pids, null, null);
	}

	/** The most php-fpm workers this much memory allows: one per {@value #MIB_PER_PHP_WORKER} MiB, at least one. */
	public long phpWorkersAllowed() {
		return phpWorkersAllowed(memoryMiB);
	}

	private static long phpWorkersAllowed(long memoryMiB) {
		return Math.max(1, Math.min(MAX_PHP_WORKERS, memoryMiB / MIB_PER_PHP_WORKER));
	}

	/** These limits with another CPU share and PHP worker count. */
	public SiteLimits with(long cpuMillis, long phpWorkers) {
		return new SiteLimits(cpuMillis, memoryMiB, pids, maxBodyMiB, diskMiB, phpWorkers);
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
		if (phpWorkers < 1 || phpWorkers > phpWorkersAllowed()) {
			problems.add("phpWorkers must be between 1 and " + phpWorkersAllowed() + " for " + memoryMiB + " MiB of memory");
		}
		return problems;
	}

}
