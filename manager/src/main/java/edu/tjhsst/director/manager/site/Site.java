package edu.tjhsst.director.manager.site;

import java.time.Instant;
import java.util.List;

import edu.tjhsst.director.common.site.SiteAvailability;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteType;

/**
 * A site as the portal stores it.
 * @param runtime the runtime the site's process runs in; a static site keeps its last one, for a change back
 * @param availability whether it is served, as an administrator set it
 * @param limits what it may use, as an administrator set them (defaults where none is set)
 * @param packages the extra Debian packages its owner asked for
 * @param image the image built for it, or null while it runs its runtime's own image
 * @param resources the CPU share and PHP workers its owners chose within its limits
 */
public record Site(long id, String name, String description, SiteType type, String runtime,
		SiteAvailability availability, SiteLimits limits, List<String> packages, String image, Instant createdAt,
		SiteResources resources) {

	/** The runtime every PHP site runs in: the only one with php-fpm. */
	public static final String PHP_RUNTIME = "php";

	public Site {
		packages = packages == null ? List.of() : List.copyOf(packages);
		limits = limits == null ? SiteLimits.DEFAULTS : limits;
		availability = availability == null ? SiteAvailability.ENABLED : availability;
		resources = resources == null ? SiteResources.UNCHOSEN : resources;
	}

	/** A site whose owners chose nothing within its limits. */
	public Site(long id, String name, String description, SiteType type, String runtime, SiteAvailability availability,
			SiteLimits limits, List<String> packages, String image, Instant createdAt) {
		this(id, name, description, type, runtime, availability, limits, packages, image, createdAt, null);
	}

	/** What its process and terminal run with: its limits, with its owners' choices within them. */
	public SiteLimits runningLimits() {
		return resources.within(limits);
	}

	/** Whether the site runs its own program ({@code run.sh}). */
	public boolean isDynamic() {
		return type == SiteType.DYNAMIC;
	}

	/** Whether the site has a process of its own (a dynamic site's program or a PHP site's php-fpm). */
	public boolean hasProcess() {
		return type.hasProcess();
	}

	/** Whether an administrator has turned the site off, so its owners may not change it. */
	public boolean isDisabled() {
		return availability == SiteAvailability.DISABLED;
	}

}
