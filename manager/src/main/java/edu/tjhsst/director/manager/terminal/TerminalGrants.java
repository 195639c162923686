package edu.tjhsst.director.manager.terminal;

import org.springframework.stereotype.Component;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.SiteType;
import edu.tjhsst.director.common.terminal.TerminalGrant;
import edu.tjhsst.director.common.terminal.TerminalMode;
import edu.tjhsst.director.common.terminal.TerminalTokens;
import edu.tjhsst.director.manager.database.DatabaseHostRepository;
import edu.tjhsst.director.manager.database.SiteDatabase;
import edu.tjhsst.director.manager.database.SiteDatabaseRepository;
import edu.tjhsst.director.manager.runtime.RuntimeRepository;
import edu.tjhsst.director.manager.runtime.SiteRuntime;
import edu.tjhsst.director.manager.site.Site;
import edu.tjhsst.director.manager.user.User;

/**
 * Mints the single-use token for one terminal session in a site, once the caller has decided the user may have it.
 * The session runs in the site's own image, else its runtime's, else (a static site) the plain runtime's, with the
 * site's limits and its database's variables.
 */
@Component
public class TerminalGrants {

	/** The runtime whose image a static site without one gets its terminal in. */
	static final String PLAIN_RUNTIME = "plain";

	private final TerminalTokens tokens;

	private final RuntimeRepository runtimes;

	private final SiteDatabaseRepository databases;

	private final DatabaseHostRepository hosts;

	TerminalGrants(TerminalTokens tokens, RuntimeRepository runtimes, SiteDatabaseRepository databases,
			DatabaseHostRepository hosts) {
		this.tokens = tokens;
		this.runtimes = runtimes;
		this.databases = databases;
		this.hosts = hosts;
	}

	/**
	 * The token for a session; a shell always has a terminal and SFTP never does.
	 * @throws IllegalArgumentException with a message when the grant would not be valid (such as a bad command)
	 */
	public String mint(Site site, User user, TerminalMode mode, String command, boolean tty) {
		boolean terminal = switch (mode) {
			case SHELL -> true;
			case SFTP -> false;
			case EXEC -> tty;
		};
		TerminalGrant grant = new TerminalGrant(site.id(), site.name(), user.username(), mode, command, terminal,
				image(site), site.runningLimits(), tokens.expiry(), TerminalTokens.nonce(), database(site));
		if (!grant.problems().isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", grant.problems()));
		}
		return tokens.mint(grant);
	}

	/** The site's database as its process reaches it, once it is ready; null otherwise. */
	private DatabaseAccess database(Site site) {
		return databases.findBySite(site.id())
			.filter(database -> database.status() == SiteDatabase.Status.READY)
			.flatMap(database -> hosts.findById(database.hostId()).map(database::access))
			.orElse(null);
	}

	/** The image a site's terminal runs in. */
	String image(Site site) {
		if (site.image() != null && !site.image().isBlank()) {
			return site.image();
		}
		String runtime = site.runtime() != null ? site.runtime() : site.type() == SiteType.STATIC ? PLAIN_RUNTIME : null;
		return runtimes.findByName(runtime == null ? PLAIN_RUNTIME : runtime)
			.or(() -> runtimes.findByName(PLAIN_RUNTIME))
			.map(SiteRuntime::baseImage)
			.orElseThrow(() -> new IllegalStateException("no runtime image for the terminal of site " + site.name()));
	}

}
