/** Signed clients for the orchestrator's site and file APIs and the router's API. */
package edu.tjhsst.director.manager.remote;
