/** The sites API: converges one site's files and Nginx config to its spec, or removes them. */
package edu.tjhsst.director.orchestrator.site;
