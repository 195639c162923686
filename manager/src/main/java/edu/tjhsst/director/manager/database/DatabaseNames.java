package edu.tjhsst.director.manager.database;

import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import edu.tjhsst.director.manager.system.DirectorProperties;
import edu.tjhsst.director.manager.user.Passwords;

/** Names a site's database and user from the platform's prefix and the site's id, and makes their passwords. */
@Component
public class DatabaseNames {

	/** A prefix must keep every name a plain identifier, with room for the id. */
	static final Pattern PREFIX = Pattern.compile("^[a-z][a-z0-9_]{0,15}$");

	private static final int PASSWORD_LENGTH = 24;

	private final String prefix;

	@Autowired
	DatabaseNames(DirectorProperties properties) {
		this(properties.siteDatabases().prefix());
	}

	DatabaseNames(String prefix) {
		if (prefix == null || !PREFIX.matcher(prefix).matches()) {
			throw new IllegalArgumentException("DIRECTOR_SITE_DATABASE_PREFIX must be 1 to 16 lowercase letters, digits"
					+ " and _, starting with a letter; it is \"" + prefix + "\"");
		}
		this.prefix = prefix;
	}

	/** The name of the site's database, which is also its user's. */
	public String forSite(long siteId) {
		return prefix + siteId;
	}

	/** A new password: 24 letters and digits from SecureRandom, about 140 bits. */
	public String newPassword() {
		return Passwords.generate(PASSWORD_LENGTH);
	}

}
