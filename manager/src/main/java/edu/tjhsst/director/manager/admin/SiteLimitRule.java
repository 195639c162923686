package edu.tjhsst.director.manager.admin;

/** How many sites an administrator may let one user have: the users page's rule and the API's. */
final class SiteLimitRule {

	/** The most, as the column's check allows. */
	static final int MOST = 10_000;

	/** The rule, as both say it; each adds what stands for the default. */
	static final String RULE = "The most sites is a whole number from 0 to " + MOST;

	private SiteLimitRule() {
	}

	/** Whether the limit may be set; null is the platform's default. */
	static boolean allowed(Integer limit) {
		return limit == null || limit >= 0 && limit <= MOST;
	}

}
