package edu.tjhsst.director.e2e;

import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A journey's platform, started by the README's run command before its first test, with a browser on its portal;
 * both stop after its last test, and the platform takes with it all it left in Docker (see {@link SwarmLeftovers}).
 * A journey registers one with {@code @RegisterExtension static final Journey JOURNEY = new Journey();}, and its own
 * {@code @BeforeAll} runs once the platform is up.
 */
final class Journey implements BeforeAllCallback, AfterAllCallback {

	private final Map<String, String> settings;

	private final boolean stack;

	private Platform platform;

	private ChromeDriver browser;

	private Portal portal;

	private SiteAnswers answers;

	/** A platform on the test's own ports, data directory and Swarm names, and the run command's defaults. */
	Journey() {
		this(Map.of());
	}

	/** The same with some settings of the run command's own (environment variables). */
	Journey(Map<String, String> settings) {
		this(settings, false);
	}

	private Journey(Map<String, String> settings, boolean stack) {
		this.settings = Map.copyOf(settings);
		this.stack = stack;
	}

	/** The platform deployed as the Swarm stack ({@code ./director stack up}), with the run command's defaults. */
	static Journey onTheStack() {
		return new Journey(Map.of(), true);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		platform = stack ? Platform.stack(settings) : new Platform(settings);
		browser = Browser.start();
		portal = new Portal(platform, browser);
		answers = new SiteAnswers(platform);
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		try {
			if (browser != null) {
				browser.quit();
			}
		}
		finally {
			if (platform != null) {
				platform.close();
			}
		}
	}

	/**
	 * Stops the browser, then the platform with the README's stop command, and returns the run command's exit code;
	 * the journey has no portal until it starts the platform again.
	 */
	int stop() throws Exception {
		browser.quit();
		browser = null;
		portal = null;
		return platform.stop();
	}

	/**
	 * Starts the platform again, after {@link #stop}, on the same data directory, ports and names, as a restart of
	 * the school's machine would.
	 */
	Platform startAgain() throws Exception {
		platform = new Platform(platform);
		answers = new SiteAnswers(platform);
		return platform;
	}

	/**
	 * Starts a platform, after {@link #stop}, on the same ports and names and another data directory (one that
	 * {@code ./director restore} filled), with a new browser on its portal.
	 */
	Platform startRestored(java.nio.file.Path data) throws Exception {
		platform = new Platform(platform, data);
		answers = new SiteAnswers(platform);
		browser = Browser.start();
		portal = new Portal(platform, browser);
		return platform;
	}

	Platform platform() {
		return platform;
	}

	ChromeDriver browser() {
		return browser;
	}

	Portal portal() {
		return portal;
	}

	SiteAnswers answers() {
		return answers;
	}

}
