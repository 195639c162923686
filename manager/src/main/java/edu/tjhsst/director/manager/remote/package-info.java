/** Signed clients for the orchestrator's and the router's APIs. */
package edu.tjhsst.director.manager.remote;
