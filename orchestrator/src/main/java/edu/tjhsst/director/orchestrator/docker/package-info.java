/**
 * The orchestrator's one way to the Docker engine: the client, Director's labels, an audit line for every change, and
 * gateways by kind of object (services, their logs, containers, execs, networks, images) that speak in Director's own
 * records; nothing outside this package sees docker-java.
 */
package edu.tjhsst.director.orchestrator.docker;
