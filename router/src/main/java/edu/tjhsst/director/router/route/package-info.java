/** The signed routes API: the manager puts and deletes each site's route, and the call returns once it is live. */
package edu.tjhsst.director.router.route;
