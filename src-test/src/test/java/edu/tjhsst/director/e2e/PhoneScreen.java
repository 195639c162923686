package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser as a phone 390 CSS pixels wide (Chromium's device emulation, touch and the viewport tag honoured), and
 * the check that a page fits it: laid out for that width, as the viewport tag asks, and no wider, so nobody has to
 * scroll sideways to reach a button.
 */
final class PhoneScreen implements AutoCloseable {

	static final int WIDTH = 390;

	private final ChromeDriver browser;

	private PhoneScreen(ChromeDriver browser) {
		this.browser = browser;
	}

	static PhoneScreen of(ChromeDriver browser) {
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", WIDTH, "height", 844, "deviceScaleFactor", 3, "mobile", true));
		return new PhoneScreen(browser);
	}

	/** Opens each page of the portal in turn and checks that it fits; keeps a screenshot of each. */
	void assertFits(String portal, String who, List<String> paths) {
		for (String path : paths) {
			browser.get(portal + path);
			long viewport = ((Number) browser.executeScript("return window.innerWidth")).longValue();
			long page = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
			Browser.screenshot(browser, "phone-" + who + path.replace('/', '_'));
			assertThat(viewport).as("%s, for %s: laid out for the phone's width, not a desktop's", path, who)
				.isEqualTo(WIDTH);
			assertThat(page).as("%s, for %s: no wider than the phone's screen", path, who).isLessThanOrEqualTo(viewport);
		}
	}

	/** The browser's own size again. */
	@Override
	public void close() {
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

}
