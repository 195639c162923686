package edu.tjhsst.director.e2e;

import java.time.Duration;
import java.util.function.Predicate;

import edu.tjhsst.director.common.testing.Await;

/**
 * What a site answers through the router, asked as anyone's browser would, with no browser: awaited, because a site
 * answers 502 or its old content from the moment its process or settings change until its new process listens.
 */
final class SiteAnswers {

	/**
	 * How long a site may take to answer as expected: a new process (after a restart, a new variable, a new database)
	 * starts in a fresh container and must be listening before the router's requests reach it; the journeys had 90 s
	 * and 120 s for this, and one deadline is the longer.
	 */
	static final Duration ANSWER = Duration.ofSeconds(120);

	private final int port;

	SiteAnswers(Platform platform) {
		this.port = platform.sitesPort;
	}

	/** The site's answer to the path once it is a 200 containing the text. */
	Http.Response await(String site, String path, String text) {
		return await(site, path, "a 200 with \"" + text + "\"",
				answer -> answer.status() == 200 && answer.body().contains(text));
	}

	/** The site's answer to the path once it is what is expected, which {@code what} describes for a failure. */
	Http.Response await(String site, String path, String what, Predicate<Http.Response> expected) {
		return Await.value(site + path + " to answer with " + what, ANSWER,
				() -> Http.get(port, site + ".sites.localhost", path), expected);
	}

}
