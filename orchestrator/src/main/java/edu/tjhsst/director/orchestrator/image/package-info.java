/** Runtime images on this app server and each site's own image, built on a runtime with its extra packages. */
package edu.tjhsst.director.orchestrator.image;
