/** The appserver Nginx as a Swarm service: its network, service, start-up and the control of its process. */
package edu.tjhsst.director.orchestrator.appserver;
