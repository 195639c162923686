/** The runtime images a dynamic site's process may run in. */
package edu.tjhsst.director.orchestrator.runtime;
