/** Each site's own overlay network, and keeping the appserver Nginx attached to all of them. */
package edu.tjhsst.director.orchestrator.network;
