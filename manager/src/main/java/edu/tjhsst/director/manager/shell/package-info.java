/**
 * The API the SSH shell server calls, {@code /shell-server/**}: sign-in by password or key, a user's sites, and
 * terminal grants. Only requests signed with the shell server's key reach it.
 */
package edu.tjhsst.director.manager.shell;
