package edu.tjhsst.director.orchestrator.site;

import java.util.List;

/**
 * One page of an operator's list of sites.
 * @param total how many sites there are in all
 * @param offset how many came before this page
 * @param limit the most a page holds
 * @param sites this page's sites, by id
 */
record OperatorSitePage(int total, int offset, int limit, List<OperatorSite> sites) {
}
