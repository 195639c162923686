package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A steady loop of requests through the router to some sites, one after another, as visitors would make while the
 * platform is being disturbed: it counts what was served and what failed (a status other than 200, a page without the
 * site's own text, or no answer at all).
 */
final class SiteLoad implements AutoCloseable {

	private final AtomicBoolean done = new AtomicBoolean();

	private final AtomicInteger served = new AtomicInteger();

	private final Map<String, Integer> failures = new ConcurrentHashMap<>();

	private final Thread thread;

	/**
	 * Creates static sites in the portal, as its signed-in user, and starts the loop on them: a new static site's
	 * front page holds its name.
	 */
	static SiteLoad onNewStaticSites(Platform platform, Portal portal, List<String> names) {
		for (String name : names) {
			portal.createSite(name, "static", null);
		}
		return new SiteLoad(platform.sitesPort, names.stream().collect(Collectors.toMap(name -> name, name -> name)));
	}

	/**
	 * Starts the loop.
	 * @param sitesPort the router's HTTP port
	 * @param sites each site's name and a text its front page holds
	 */
	SiteLoad(int sitesPort, Map<String, String> sites) {
		List<Map.Entry<String, String>> targets = List.copyOf(sites.entrySet());
		thread = new Thread(() -> {
			for (int n = 0; !done.get(); n++) {
				Map.Entry<String, String> site = targets.get(n % targets.size());
				try {
					Http.Response answer = Http.get(sitesPort, site.getKey() + ".sites.localhost", "/");
					if (answer.status() == 200 && answer.body().contains(site.getValue())) {
						served.incrementAndGet();
					}
					else {
						failures.merge(site.getKey() + ": status " + answer.status(), 1, Integer::sum);
					}
				}
				catch (Exception ex) {
					failures.merge(site.getKey() + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage(), 1,
							Integer::sum);
				}
			}
		}, "site-load");
		thread.start();
	}

	/** Asserts, once closed, that it served a good many requests and that none failed. */
	void assertNoneFailed(String during) {
		assertThat(served()).as("site requests served " + during).isGreaterThan(100);
		assertThat(failures()).as("site requests that failed " + during).isEmpty();
	}

	int served() {
		return served.get();
	}

	/** What failed so far, by kind, with how many times. */
	Map<String, Integer> failures() {
		return Map.copyOf(failures);
	}

	/** Stops the loop and waits for its last request. */
	@Override
	public void close() throws InterruptedException {
		done.set(true);
		thread.join();
	}

}
