package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browser as a phone (Chromium's device emulation: a mobile viewport, which honours the viewport tag), upright
 * (390 × 844 CSS pixels) or turned sideways (844 × 390), and the check that a page fits it: no wider than the screen,
 * and laid out for the screen's width as the viewport tag asks (under mobile emulation an overflowing page is zoomed
 * out, so it shows as a wider viewport), so that nobody scrolls sideways to reach a button.
 */
final class PhoneScreen implements AutoCloseable {

	/** Upright, then sideways: each sets the browser's screen when it is applied, and closing it clears that. */
	static final List<Function<ChromeDriver, PhoneScreen>> BOTH_WAYS = List.of(PhoneScreen::upright, PhoneScreen::sideways);

	private final ChromeDriver browser;

	private final int width;

	private PhoneScreen(ChromeDriver browser, int width) {
		this.browser = browser;
		this.width = width;
	}

	static PhoneScreen upright(ChromeDriver browser) {
		return of(browser, 390, 844);
	}

	static PhoneScreen sideways(ChromeDriver browser) {
		return of(browser, 844, 390);
	}

	private static PhoneScreen of(ChromeDriver browser, int width, int height) {
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 3, "mobile", true));
		return new PhoneScreen(browser, width);
	}

	/** Opens each page of the portal in turn and checks that it fits; keeps a screenshot of each. */
	void assertFits(String portal, String who, List<String> paths) {
		for (String path : paths) {
			browser.get(portal + path);
			long[] measured = settled();
			Browser.screenshot(browser, "phone-" + width + "-" + who + path.replace('/', '_'));
			assertThat(measured[1]).as("%s, for %s, %d px wide: the page is %d px wide in a viewport of %d px", path,
					who, width, measured[1], measured[0]).isLessThanOrEqualTo(width);
			assertThat(measured[0]).as("%s, for %s: laid out for the screen's %d px", path, who, width)
				.isEqualTo(width);
		}
	}

	/**
	 * The viewport's and the page's widths once the page has loaded and two readings a quarter of a second apart agree:
	 * scripts fill some pages in after the load (the file tree, a process's log, an operation's steps).
	 */
	private long[] settled() {
		long[] last = null;
		for (int reading = 0; reading < 20; reading++) {
			long[] now = widths();
			if (last != null && now[0] == last[0] && now[1] == last[1]) {
				return now;
			}
			last = now;
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return last;
	}

	private long[] widths() {
		Object loaded = browser.executeScript("return document.readyState === 'complete'"
				+ " && !(document.getElementById('file-editor') && !document.getElementById('file-editor')"
				+ ".classList.contains('loaded'))");
		if (!Boolean.TRUE.equals(loaded)) {
			return new long[] {-1, -1};
		}
		return new long[] {((Number) browser.executeScript("return window.innerWidth")).longValue(),
				((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue()};
	}

	/** The browser's own size again. */
	@Override
	public void close() {
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

}
