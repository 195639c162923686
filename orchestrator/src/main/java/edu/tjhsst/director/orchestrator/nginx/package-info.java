/** The appserver Nginx's configuration files, rendered from {@code nginx-templates/appserver/}. */
package edu.tjhsst.director.orchestrator.nginx;
