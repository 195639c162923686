/** The router's own Nginx: its rendered configs, its process, and the route files that are its state. */
package edu.tjhsst.director.router.nginx;
