package edu.tjhsst.director.shell.login;

import java.util.Optional;
import edu.tjhsst.director.common.site.SiteNames;
import edu.tjhsst.director.common.user.UserNames;

/**
 * An SSH login name split into the user and, optionally, the site to go straight into: {@code alice},
 * {@code alice+mysite} or {@code alice/mysite}.
 * @param user the portal user name
 * @param site the site named in the login, or null for none
 */
public record LoginName(String user, String site) {

	public LoginName {
		if (!UserNames.isValid(user)) {
			throw new IllegalArgumentException("not a user name");
		}
		if (site != null && !SiteNames.isValid(site)) {
			throw new IllegalArgumentException("not a site name");
		}
	}

	/** The parts of a login name, or empty when it is not one of the three accepted forms with valid parts. */
	public static Optional<LoginName> parse(String login) {
		if (login == null || login.length() > 200) {
			return Optional.empty();
		}
		int plus = login.indexOf('+');
		int slash = login.indexOf('/');
		if (plus >= 0 && slash >= 0) {
			return Optional.empty();
		}
		int split = Math.max(plus, slash);
		String user = split < 0 ? login : login.substring(0, split);
		String site = split < 0 ? null : login.substring(split + 1);
		if (!UserNames.isValid(user) || (site != null && !SiteNames.isValid(site))) {
			return Optional.empty();
		}
		return Optional.of(new LoginName(user, site));
	}

	public Optional<String> siteName() {
		return Optional.ofNullable(site);
	}

}
