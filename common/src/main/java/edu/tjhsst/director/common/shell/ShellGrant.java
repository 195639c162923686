package edu.tjhsst.director.common.shell;

/**
 * The manager's answer when the shell server asks for a terminal session ({@code POST /shell-server/grants}): the
 * manager alone decides whether the user may open it, and the shell server only carries the token to the orchestrator.
 * @param token the single-use token of the session's {@link edu.tjhsst.director.common.terminal.TerminalGrant}
 * @param site the site's name
 */
public record ShellGrant(String token, String site) {
}
