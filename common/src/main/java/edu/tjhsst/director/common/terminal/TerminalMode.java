package edu.tjhsst.director.common.terminal;

/** What a terminal session runs in the site's terminal container. */
public enum TerminalMode {

	/** An interactive login shell ({@code bash -l}) on a terminal. */
	SHELL,

	/** One command, given in the grant, with or without a terminal; its exit status is reported. */
	EXEC,

	/** OpenSSH's {@code sftp-server} on plain pipes, for {@code sftp} and {@code scp}. */
	SFTP

}
