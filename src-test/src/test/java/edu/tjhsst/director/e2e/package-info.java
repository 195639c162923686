/** Journeys across every component: the run command, a real browser, real Swarm and Nginx. */
package edu.tjhsst.director.e2e;
