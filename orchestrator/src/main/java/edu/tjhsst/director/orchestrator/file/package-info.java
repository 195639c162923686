/** The files API: lists, reads, writes and rearranges one site's files, confined to the site's directory. */
package edu.tjhsst.director.orchestrator.file;
