package edu.tjhsst.director.manager.site;

import java.util.List;

/**
 * One page of a list of sites, and whether there are pages before and after it.
 * @param number the page's number, from 1
 */
record SitePage(List<Site> sites, int number, boolean hasPrevious, boolean hasNext) {

	/** How many sites a page shows. */
	static final int SIZE = 50;

	/** The highest page number asked for that is taken as it is; past it, no site is left anyway. */
	private static final int MAX_NUMBER = 100_000;

	/** A query for the sites at an offset, at most a limit of them. */
	interface Query {

		List<Site> sites(int offset, int limit);

	}

	/** The page a {@code page} parameter names; anything but a number from 1 is the first page. */
	static SitePage of(String number, Query query) {
		int page = parse(number);
		List<Site> found = query.sites((page - 1) * SIZE, SIZE + 1);
		return new SitePage(found.subList(0, Math.min(SIZE, found.size())), page, page > 1, found.size() > SIZE);
	}

	/** A list short enough to show whole, as a student's own sites. */
	static SitePage all(List<Site> sites) {
		return new SitePage(sites, 1, false, false);
	}

	private static int parse(String number) {
		if (number == null || !number.matches("[1-9][0-9]{0,5}")) {
			return 1;
		}
		return Math.min(Integer.parseInt(number), MAX_NUMBER);
	}

}
