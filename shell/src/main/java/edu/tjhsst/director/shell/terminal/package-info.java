/** The orchestrator's terminal WebSocket as seen from the shell server. */
package edu.tjhsst.director.shell.terminal;
