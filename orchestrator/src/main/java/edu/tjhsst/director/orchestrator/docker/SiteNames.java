package edu.tjhsst.director.orchestrator.docker;

import java.util.regex.Pattern;

/**
 * The names of each site's own objects on the Docker engine: its service (also its host name on its own network), its
 * terminal container and its images. Several platforms may share an engine (a school's and the one its tests start),
 * and their sites have the same ids; each platform's names carry its own prefix ({@code DIRECTOR_PLATFORM}), so that
 * none ever finds, changes or removes another's. The prefix is empty by default, which keeps the names platforms made
 * before there was one: {@code site_<id>}, {@code site_<id>_terminal}, {@code director/site-<id>}.
 * @param platform the prefix: empty, or a lowercase letter and up to 15 lowercase letters and digits
 */
public record SiteNames(String platform) {

	private static final Pattern PLATFORM = Pattern.compile("|[a-z][a-z0-9]{0,15}");

	/** Any platform's site image tag: {@code director/site-<id>:...} or {@code director/<platform>-site-<id>:...}. */
	private static final Pattern SITE_IMAGE = Pattern.compile("director/([a-z][a-z0-9]{0,15}-)?site-[0-9]+(:.*)?");

	public SiteNames {
		if (platform == null || !PLATFORM.matcher(platform).matches()) {
			throw new IllegalArgumentException("DIRECTOR_PLATFORM must be empty or a lowercase letter and up to 15"
					+ " lowercase letters and digits, not " + platform);
		}
	}

	/** The site's Swarm service, also the name its process answers to on the site's own network. */
	public String service(long siteId) {
		return (platform.isEmpty() ? "" : platform + "_") + "site_" + requireId(siteId);
	}

	/** The site's terminal container. */
	public String terminal(long siteId) {
		return service(siteId) + "_terminal";
	}

	/** The repository of the site's own images. */
	public String imageRepository(long siteId) {
		return "director/" + (platform.isEmpty() ? "" : platform + "-") + "site-" + requireId(siteId);
	}

	/** Whether an image tag is a site's own image, of this platform or any other: never offered as a runtime. */
	public static boolean isSiteImage(String tag) {
		return SITE_IMAGE.matcher(tag).matches();
	}

	private static long requireId(long siteId) {
		if (siteId <= 0) {
			throw new IllegalArgumentException("a site id is positive");
		}
		return siteId;
	}

}
