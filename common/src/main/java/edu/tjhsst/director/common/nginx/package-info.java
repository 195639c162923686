/** Renders Nginx configs from templates and applies them one file at a time, so a bad file never goes live. */
package edu.tjhsst.director.common.nginx;
