/** The router: Director's front door, which forwards each site's host names to the app servers. */
package edu.tjhsst.director.router;
