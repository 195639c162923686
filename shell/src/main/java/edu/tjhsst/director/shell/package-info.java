/** The shell server: an SSH server through which users reach their sites' shells, commands and files. */
package edu.tjhsst.director.shell;
