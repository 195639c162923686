/** Dumps of sites' databases, made for their owners by the database servers' own tools in a container of the site's. */
package edu.tjhsst.director.orchestrator.database;
