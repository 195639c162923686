/** The orchestrator: converges an app server to each site's desired spec (files, Nginx config, Swarm services). */
package edu.tjhsst.director.orchestrator;
