/** Dynamic sites' processes as Swarm services: their hardened spec, convergence, status, restart and logs. */
package edu.tjhsst.director.orchestrator.service;
