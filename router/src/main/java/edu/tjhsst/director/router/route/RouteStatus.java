package edu.tjhsst.director.router.route;

/**
 * What became of a route: {@code applied} or {@code removed}.
 * @param siteId the site whose route it is
 * @param status what the router did
 */
record RouteStatus(long siteId, String status) {
}
