/** The SSH server itself: host key, authentication, and the sessions that relay to site terminals. */
package edu.tjhsst.director.shell.ssh;
