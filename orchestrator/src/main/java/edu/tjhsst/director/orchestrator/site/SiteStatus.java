package edu.tjhsst.director.orchestrator.site;

/**
 * The answer to a change of a site.
 * @param id the site's id
 * @param status what was done: {@code applied} or {@code deleted}
 */
record SiteStatus(long id, String status) {
}
