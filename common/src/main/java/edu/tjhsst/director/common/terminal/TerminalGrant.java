package edu.tjhsst.director.common.terminal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import edu.tjhsst.director.common.site.DatabaseAccess;
import edu.tjhsst.director.common.site.SiteLimits;
import edu.tjhsst.director.common.site.SiteNames;
import edu.tjhsst.director.common.site.SiteSpec;
import edu.tjhsst.director.common.user.UserNames;

/**
 * What one terminal session may do, as the manager decided it: which site, for whom, what runs, in which image and
 * with which limits. It travels inside a token only the manager can mint.
 * @param siteId the site's id
 * @param siteName the site's name, shown in the prompt
 * @param user the user name the session is for, logged by the orchestrator
 * @param mode what runs
 * @param command the command line for {@link TerminalMode#EXEC}, run with {@code sh -c}; null otherwise
 * @param tty whether the session has a terminal (always for a shell, never for SFTP)
 * @param image the image of the site's terminal container: its own or its runtime's
 * @param limits what the terminal container may use
 * @param expires when the token stops being accepted; at most {@link TerminalTokens#MAX_LIFETIME} after minting
 * @param nonce random and unique, so that a token is accepted once
 * @param database the site's database, whose variables the session gets as the site's process does; or null
 */
public record TerminalGrant(long siteId, String siteName, String user, TerminalMode mode, String command, boolean tty,
		String image, SiteLimits limits, Instant expires, String nonce, DatabaseAccess database) {

	/** A grant for a site without a database. */
	public TerminalGrant(long siteId, String siteName, String user, TerminalMode mode, String command, boolean tty,
			String image, SiteLimits limits, Instant expires, String nonce) {
		this(siteId, siteName, user, mode, command, tty, image, limits, expires, nonce, null);
	}

	/** The longest command line accepted. */
	public static final int MAX_COMMAND_LENGTH = 16 * 1024;

	/** Everything wrong with this grant, empty when it may be used. */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (siteId <= 0) {
			problems.add("siteId must be positive");
		}
		SiteNames.problem(siteName).ifPresent(problem -> problems.add("siteName: " + problem));
		if (!UserNames.isValid(user)) {
			problems.add("user must be a user name");
		}
		if (mode == null) {
			problems.add("mode is required");
		}
		else if (mode == TerminalMode.EXEC) {
			if (command == null || command.isEmpty() || command.length() > MAX_COMMAND_LENGTH
					|| command.indexOf('\0') >= 0) {
				problems.add("an EXEC grant needs a command of 1 to " + MAX_COMMAND_LENGTH + " characters without NUL");
			}
		}
		else if (command != null) {
			problems.add("only an EXEC grant has a command");
		}
		if (mode == TerminalMode.SFTP && tty) {
			problems.add("SFTP runs without a terminal");
		}
		if (mode == TerminalMode.SHELL && !tty) {
			problems.add("a shell runs on a terminal");
		}
		if (image == null || !SiteSpec.IMAGE.matcher(image).matches()) {
			problems.add("image must be one of Director's local images with a tag");
		}
		if (database != null) {
			problems.addAll(database.problems());
		}
		if (limits == null) {
			problems.add("limits are required");
		}
		else {
			problems.addAll(limits.problems());
		}
		if (expires == null) {
			problems.add("expires is required");
		}
		if (nonce == null || !nonce.matches("^[A-Za-z0-9_-]{16,64}$")) {
			problems.add("nonce must be 16 to 64 base64url characters");
		}
		return problems;
	}

}
