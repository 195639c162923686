package edu.tjhsst.director.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does in the portal, in a real browser, with one deadline for each kind of wait; a journey waits with
 * {@link #waitUpTo} and one of these, never a number of its own. What a site answers through the router is
 * {@link SiteAnswers}'s.
 */
final class Portal {

	/** A page's answer to a click or a form, and what its own script then draws (a dialog, a tab, an error). */
	static final Duration PAGE = Duration.ofSeconds(10);

	/**
	 * The editor's file tree and its changes: the tree is fetched by the page's script through the manager from the
	 * orchestrator once the page has loaded, and uploads and files written on disk reach it the same way. The journeys
	 * gave it 15 s and 30 s (the PHP journey's, after its tree once did not come in a full run); one deadline is the
	 * longer.
	 */
	static final Duration FILES = Duration.ofSeconds(30);

	/**
	 * What the site's process shows on its page (the help without a run.sh, its state, its log): the page follows them
	 * from the orchestrator, and a new process's first lines come after its restart's operation has ended.
	 */
	static final Duration PROCESS = Duration.ofSeconds(60);

	/** A terminal's first prompt in the browser, which comes once the site's terminal container has started. */
	static final Duration TERMINAL = Duration.ofSeconds(30);

	/**
	 * A page that answers once a database server has (the SQL console, a host's connection test): the console's answer
	 * may be its statement timeout's message.
	 */
	static final Duration STATEMENT = Duration.ofSeconds(30);

	/** An operation on a site (create, restart, settings, database, change of type) to end. */
	static final Duration OPERATION = Duration.ofSeconds(120);

	/**
	 * An operation that builds the site's image (its packages) to end: apt-get fetches and installs the packages
	 * into a new image, which takes minutes where an operation otherwise takes seconds.
	 */
	static final Duration BUILD = Duration.ofSeconds(600);

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

	/** Signs in again (a manager that started again forgot every session) and checks that it still lists the sites. */
	void assertStillListsAfterSigningIn(String password, List<String> sites) {
		logIn("admin", password);
		browser.get(platform.portal() + "/sites");
		assertThat(browser.getPageSource()).contains(sites.toArray(String[]::new));
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
	 * Creates a site from the form and returns its id once the operation has succeeded; the browser is then on the
	 * site's page.
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
		return siteOnThePage();
	}

	/** The id of the site whose page the browser shows. */
	long siteOnThePage() {
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

	/**
	 * From the site's page to its database page, where a database is created on the host whose name the choice
	 * starts with (such as {@code Embedded PostgreSQL}).
	 */
	void createDatabase(long id, String hostName) {
		browser.get(platform.portal() + "/sites/" + id);
		browser.findElement(By.id("database-link")).click();
		waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("create-database")));
		Select hosts = new Select(browser.findElement(By.id("database-host")));
		WebElement option = hosts.getOptions().stream()
			.filter(candidate -> candidate.getText().startsWith(hostName + " ("))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no host " + hostName + " to choose"));
		hosts.selectByValue(option.getDomAttribute("value"));
		browser.findElement(By.id("create-database-button")).click();
		awaitOperation(id, "Create database");
	}

	/** On a site's database page: presses "Reveal" and returns the database's URL with its password. */
	String revealDatabaseUrl() {
		browser.findElement(By.id("reveal-password")).click();
		waitUpTo(PAGE).withMessage("the password in the database's URL")
			.until(driver -> !driver.findElement(By.id("database-url")).getText().contains("********"));
		return browser.findElement(By.id("database-url")).getText().trim();
	}

	/**
	 * As an admin, on the new database host's form: the machine's MariaDB ({@link MachineMariadb}), which sites reach
	 * at the address and port given.
	 */
	void fillMariadbHostForm(String hostName, String sitesHost, int sitesPort) {
		type("name", hostName);
		new Select(browser.findElement(By.id("engine"))).selectByValue("MYSQL");
		type("adminHost", MachineMariadb.HOST);
		type("adminPort", Integer.toString(MachineMariadb.PORT));
		type("adminUsername", MachineMariadb.USER);
		type("adminPassword", MachineMariadb.PASSWORD);
		type("sitesHost", sitesHost);
		type("sitesPort", Integer.toString(sitesPort));
		WebElement enabled = browser.findElement(By.id("enabled"));
		if (!enabled.isSelected()) {
			enabled.click();
		}
	}

	/** As an admin: adds the machine's MariaDB as a database host, as {@link #fillMariadbHostForm} fills it. */
	void addMariadbHost(String hostName, String sitesHost, int sitesPort) {
		browser.get(platform.portal() + "/admin/database-hosts/new");
		waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("database-host-form")));
		fillMariadbHostForm(hostName, sitesHost, sitesPort);
		press("save-database-host");
		waitUpTo(PAGE).until(ExpectedConditions.urlMatches("/admin/database-hosts/?$"));
	}

	/**
	 * Presses a button at the foot of a long form. Chromium twice refused the click on Save after the database host's
	 * form came back from "Test connection" ("not clickable at point", with nothing of the page's over it: its own
	 * pop-up for the password field), so when the click is refused the form is submitted with that same button, as the
	 * click would.
	 */
	void press(String id) {
		WebElement button = browser.findElement(By.id(id));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
		try {
			button.click();
		}
		catch (ElementClickInterceptedException ex) {
			browser.executeScript("arguments[0].form.requestSubmit(arguments[0]);", button);
		}
	}

	private void type(String id, String value) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	/** Runs SQL in the site's console and returns what the page shows: the error, or the results. */
	String runSql(long id, String sql) {
		browser.get(platform.portal() + "/sites/" + id + "/database/console");
		WebElement field = waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("sql")));
		field.sendKeys(sql);
		browser.findElement(By.id("run-sql")).click();
		waitUpTo(STATEMENT).withMessage("the console's answer to " + sql)
			.until(driver -> !driver.findElements(By.id("sql-error")).isEmpty()
					|| !driver.findElements(By.id("sql-elapsed")).isEmpty());
		return browser.findElement(By.tagName("main")).getText();
	}

	/** Waits for the redirect to the site's page and for the operation there to succeed within {@link #OPERATION}. */
	void awaitOperation(long id, String label) {
		awaitOperation(id, label, OPERATION, "SUCCEEDED");
	}

	/**
	 * Waits for the redirect to the site's page and for the operation there to end with the status.
	 * @param limit {@link #OPERATION}, or {@link #BUILD} for one that builds the site's image
	 * @param status {@code SUCCEEDED} or {@code FAILED}
	 */
	void awaitOperation(long id, String label, Duration limit, String status) {
		waitUpTo(PAGE).until(ExpectedConditions.urlMatches("/sites/" + id + "/?(\\?.*)?$"));
		waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("operation"), label));
		waitUpTo(limit).until(ExpectedConditions.textToBe(By.id("operation-status"), status));
	}

	/** What a link of the portal's downloads, fetched with the browser's session as clicking it would. */
	HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
		Cookie session = browser.manage().getCookieNamed("JSESSIONID");
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.portal() + path))
			.header("Cookie", "JSESSIONID=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Keeps a picture of the page in target/screenshots, to look at what a person would see. */
	void screenshot(String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
	}

}
