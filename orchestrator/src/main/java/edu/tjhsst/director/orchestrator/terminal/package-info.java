/**
 * Terminal sessions: the signed WebSocket at {@code /terminal}, one hardened terminal container per site, and the
 * shells, commands and SFTP servers run as exec sessions in it.
 */
package edu.tjhsst.director.orchestrator.terminal;
