package edu.tjhsst.director.manager.site;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;

import edu.tjhsst.director.common.site.SiteLimits;

/**
 * What a site's owners chose within an administrator's limits; a null choice takes the limit's own value.
 * @param cpuMillis the CPU share its process runs with, in thousandths of a core, at most the site's CPU limit
 * @param phpWorkers how many requests a PHP site's php-fpm runs at once, at most what its memory allows
 */
public record SiteResources(Long cpuMillis, Long phpWorkers) {

	/** Nothing chosen: the site runs with its limits. */
	public static final SiteResources UNCHOSEN = new SiteResources(null, null);

	/** CPU shares offered besides the limit itself, in thousandths of a core. */
	private static final List<Long> CPU_STEPS = List.of(100L, 250L, 500L, 750L, 1000L, 1500L, 2000L, 3000L, 4000L);

	/**
	 * The limits the site runs with: an administrator's, with these choices where they fit. A choice above a limit an
	 * administrator lowered since gives way to the limit.
	 */
	public SiteLimits within(SiteLimits limits) {
		long cpu = cpuMillis == null ? limits.cpuMillis() : Math.min(cpuMillis, limits.cpuMillis());
		long workers = phpWorkers == null ? limits.phpWorkers() : Math.min(phpWorkers, limits.phpWorkersAllowed());
		return limits.with(cpu, workers);
	}

	/** The CPU shares an owner may choose under these limits, smallest first; the last is the limit. */
	public static List<Long> cpuChoices(SiteLimits limits) {
		TreeSet<Long> choices = new TreeSet<>();
		CPU_STEPS.stream().filter(step -> step >= SiteLimits.MIN_CPU_MILLIS && step < limits.cpuMillis())
			.forEach(choices::add);
		choices.add(limits.cpuMillis());
		return List.copyOf(choices);
	}

	/** The PHP worker counts an owner may choose under these limits: 1 to what the memory allows. */
	public static List<Long> phpWorkerChoices(SiteLimits limits) {
		return LongStream.rangeClosed(1, limits.phpWorkersAllowed()).boxed().toList();
	}

	/** Thousandths of a core as cores, such as {@code 0.5}: how the portal writes CPU everywhere. */
	public static String cores(long millis) {
		return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
	}

}
