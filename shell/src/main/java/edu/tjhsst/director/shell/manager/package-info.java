/** The manager's {@code /shell-server/**} API, called signed as {@code shell}. */
package edu.tjhsst.director.shell.manager;
