/**
 * The manager's shell-server API ({@code /shell-server/**}) as both its sides see it: what the SSH shell server asks
 * (a sign-in by password or key, a user's sites, a session) and what the manager answers.
 */
package edu.tjhsst.director.common.shell;
