package edu.tjhsst.director.e2e;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium, driven by Debian's chromedriver; Selenium Manager never runs. */
final class Browser {

	private Browser() {
	}

	static ChromeDriver start() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,900",
				"--user-data-dir=" + Files.createTempDirectory("director-chromium"),
				// No outside lookups; *.localhost goes to loopback as browsers resolve it.
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost , EXCLUDE *.localhost");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/** Keeps a picture of the page in target/screenshots; a failure to take it is not the test's failure. */
	static void screenshot(ChromeDriver browser, String name) {
		try {
			java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
			java.nio.file.Files.createDirectories(dir);
			java.nio.file.Files.write(dir.resolve(name + ".png"),
					browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		}
		catch (java.io.IOException | RuntimeException ex) {
			System.err.println("no screenshot " + name + ": " + ex);
		}
	}

}
