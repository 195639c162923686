package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does in the portal, in a real browser, with one timeout for each kind of wait: a page (10 s), an
 * operation on a site (120 s), a site's answer through the router (120 s).
 */
final class Portal {

	static final Duration PAGE = Duration.ofSeconds(10);

	static final Duration OPERATION = Duration.ofSeconds(120);

	static final Duration ANSWER = Duration.ofSeconds(120);

	final Platform platform;

	final ChromeDriver browser;

	Portal(Platform platform, ChromeDriver browser) {
		this.platform = platform;
		this.browser = browser;
	}

	WebDriverWait waitUpTo(Duration duration) {
		return new WebDriverWait(browser, duration);
	}

	void logIn(String username, String password) {
		browser.get(platform.portal() + "/login");
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("login")).click();
		waitUpTo(PAGE).until(ExpectedConditions.textToBe(By.id("signed-in-as"), username));
	}

	void logOut() {
		browser.findElement(By.id("logout")).click();
		waitUpTo(PAGE).until(ExpectedConditions.urlContains("/login?logout"));
	}

	/** As an admin: a new student account. */
	void createStudent(String username, String password) {
		browser.get(platform.portal() + "/admin/users/new");
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("fullName")).sendKeys(username);
		browser.findElement(By.id("email")).sendKeys(username + "@school.example");
		new Select(browser.findElement(By.id("role"))).selectByValue("STUDENT");
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("save-user")).click();
		waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("users"), username));
	}

	/**
	 * Creates a site from the form and returns its id once the operation has succeeded.
	 * @param type {@code static}, {@code php} or {@code dynamic}
	 * @param runtime the runtime of a dynamic site, else null
	 */
	long createSite(String name, String type, String runtime) {
		browser.get(platform.portal() + "/sites/new");
		browser.findElement(By.id("name")).sendKeys(name);
		browser.findElement(By.id("type-" + type)).click();
		if (runtime != null) {
			new Select(browser.findElement(By.id("runtime"))).selectByValue(runtime);
		}
		browser.findElement(By.id("create")).click();
		waitUpTo(OPERATION).until(ExpectedConditions.visibilityOfElementLocated(By.id("site-url")));
		assertThat(browser.findElement(By.id("operation-status")).getText()).isEqualTo("SUCCEEDED");
		return Long.parseLong(browser.findElement(By.id("site-page")).getDomAttribute("data-site-id"));
	}

	/** Presses Restart on the site's page and waits for the operation to succeed. */
	void restart(long id) {
		browser.get(platform.portal() + "/sites/" + id);
		browser.findElement(By.id("restart")).click();
		awaitOperation(id, "Restart process");
	}

	/** As an admin: gives the site this much disk space (such as {@code 24M}) on its settings page. */
	void setDiskSpace(long id, String size) {
		browser.get(platform.portal() + "/admin/sites/" + id);
		WebElement field = waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("disk")));
		field.clear();
		field.sendKeys(size);
		browser.findElement(By.id("save-settings")).click();
		awaitOperation(id, "Update settings");
	}

	/** Creates a database for the site on the embedded PostgreSQL from its database page. */
	void createDatabase(long id) {
		browser.get(platform.portal() + "/sites/" + id + "/database");
		waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("create-database")));
		Select hosts = new Select(browser.findElement(By.id("database-host")));
		WebElement option = hosts.getOptions().stream()
			.filter(candidate -> candidate.getText().startsWith("Embedded PostgreSQL ("))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no embedded PostgreSQL to choose"));
		hosts.selectByValue(option.getDomAttribute("value"));
		browser.findElement(By.id("create-database-button")).click();
		awaitOperation(id, "Create database");
	}

	/** Runs SQL in the site's console and returns what the page shows: the error, or the results. */
	String runSql(long id, String sql) {
		browser.get(platform.portal() + "/sites/" + id + "/database/console");
		WebElement field = waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("sql")));
		field.sendKeys(sql);
		browser.findElement(By.id("run-sql")).click();
		waitUpTo(Duration.ofSeconds(30)).until(driver -> !driver.findElements(By.id("sql-error")).isEmpty()
				|| !driver.findElements(By.id("sql-elapsed")).isEmpty());
		return browser.findElement(By.tagName("main")).getText();
	}

	/** The site's answer through the router once it is a 200 containing the text. */
	Http.Response awaitAnswer(String site, String path, String text) throws Exception {
		Instant deadline = Instant.now().plus(ANSWER);
		Http.Response last;
		do {
			last = Http.get(platform.sitesPort, site + ".sites.localhost", path);
			if (last.status() == 200 && last.body().contains(text)) {
				return last;
			}
			Thread.sleep(300);
		}
		while (Instant.now().isBefore(deadline));
		throw new AssertionError(site + path + " gave no 200 with \"" + text + "\" within " + ANSWER + "; last: " + last);
	}

	private void awaitOperation(long id, String label) {
		waitUpTo(PAGE).until(ExpectedConditions.urlMatches("/sites/" + id + "/?(\\?.*)?$"));
		waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("operation"), label));
		waitUpTo(OPERATION).until(ExpectedConditions.textToBe(By.id("operation-status"), "SUCCEEDED"));
	}

}
