/**
 * The HTTP edge shared by every endpoint: signatures, the health check, and the one mapping of failures to statuses and
 * the error body.
 */
package edu.tjhsst.director.orchestrator.api;
