package edu.tjhsst.director.shell.terminal;

/** What a terminal session reports back, in order, on one thread at a time. */
public interface TerminalListener {

	/** Bytes the session wrote to standard output or, without a terminal, standard error. */
	void output(boolean stderr, byte[] bytes);

	/** The session's process ended with this code; the connection closes next. */
	void exit(int code);

	/** The session failed or the connection ended without an exit code. */
	void error(String message);

}
