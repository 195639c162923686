/** The Swarm's nodes, as operators see and drain them. */
package edu.tjhsst.director.orchestrator.node;
