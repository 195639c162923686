/** The shell server's small HTTP API on the loopback address: {@code GET /health} only. */
package edu.tjhsst.director.shell.api;
