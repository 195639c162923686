package edu.tjhsst.director.common.shell;

import java.util.Arrays;
import java.util.Optional;

import edu.tjhsst.director.common.terminal.TerminalMode;

/**
 * The shell server asks for a session in one of a signed-in user's sites ({@code POST /shell-server/grants}); the
 * manager answers with a {@link ShellGrant}. The mode travels as its name, so that the manager can tell a sender of
 * another name what the modes are.
 * @param username the signed-in user's portal name
 * @param site the site's name
 * @param mode a {@link TerminalMode}'s name
 * @param command the command of an EXEC session, else null
 * @param tty whether the client asked for a terminal; null as false
 */
public record GrantRequest(String username, String site, String mode, String command, Boolean tty) {

	/** A request for a session in the given mode, as the shell server makes it. */
	public static GrantRequest of(String username, String site, TerminalMode mode, String command, boolean tty) {
		return new GrantRequest(username, site, mode.name(), command, tty);
	}

	/** The mode asked for; empty when {@link #mode} names none. */
	public Optional<TerminalMode> terminalMode() {
		return Arrays.stream(TerminalMode.values()).filter(known -> known.name().equals(mode)).findFirst();
	}

	/** Whether the client asked for a terminal. */
	public boolean wantsTty() {
		return Boolean.TRUE.equals(tty);
	}

}
