/** The HTTP edge shared by every endpoint: signatures, the health check and the one error body. */
package edu.tjhsst.director.orchestrator.api;
