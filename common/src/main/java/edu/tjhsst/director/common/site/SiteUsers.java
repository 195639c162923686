package edu.tjhsst.director.common.site;

import java.util.Optional;

/**
 * The Unix user each site's process, terminals and files run as: uid = gid = {@value #FIRST_UID} + the site's id, so a
 * mistake in one site's mount never lets it write another's files, as one shared uid would.
 */
public final class SiteUsers {

	/**
	 * The uid of site 0, which does not exist. Above the host's own users ({@code useradd} hands out 1000 to 59999)
	 * and every id an image's own accounts use (0 to 65535, {@code nobody} is 65534), so no file of a site ever
	 * belongs to an account of the host or of an image. An engine with {@code userns-remap} maps containers into
	 * subordinate ids that start here too by default; such an engine needs its range moved above the sites' uids.
	 */
	public static final int FIRST_UID = 100_000;

	/**
	 * The largest site id with a uid: uids stay below 2^31, since many programs and file systems take a uid for a
	 * signed 32-bit number, and (uid_t) -1 means "no change" to {@code chown}.
	 */
	public static final long MAX_SITE_ID = Integer.MAX_VALUE - (long) FIRST_UID;

	private SiteUsers() {
	}

	/**
	 * The uid, which is also the gid, of a site's user.
	 * @throws IllegalArgumentException when the id is not positive or larger than {@link #MAX_SITE_ID}
	 */
	public static int uid(long siteId) {
		problem(siteId).ifPresent(problem -> {
			throw new IllegalArgumentException(problem);
		});
		return (int) (FIRST_UID + siteId);
	}

	/** Why a site id cannot have a user, or empty when it can. */
	public static Optional<String> problem(long siteId) {
		if (siteId <= 0) {
			return Optional.of("id must be positive");
		}
		if (siteId > MAX_SITE_ID) {
			return Optional.of("id must be at most " + MAX_SITE_ID + ", so that the site's uid (" + FIRST_UID
					+ " + id) stays below 2^31");
		}
		return Optional.empty();
	}

}
