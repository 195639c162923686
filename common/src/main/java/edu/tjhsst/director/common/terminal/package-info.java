/**
 * Terminal grants: the single-use tokens the manager mints and the orchestrator accepts before it opens a shell, a
 * command or SFTP in a site, and the frames and control messages of the terminal WebSocket.
 */
package edu.tjhsst.director.common.terminal;
