/** What Director's components share: the signed protocol, site specs and safe Nginx config application. */
package edu.tjhsst.director.common;
