package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Portal.FILES;
import static edu.tjhsst.director.e2e.Portal.PAGE;
import static edu.tjhsst.director.e2e.Portal.PROCESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.site.SiteUsers;
import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * A PHP site and a Node.js site, end to end: a student creates each in a real browser; the PHP site's
 * {@code index.php}, written in the portal's file editor, runs in its own php-fpm, and the Node.js site's
 * {@code run.sh} starts {@code node server.js}; both answer through the router.
 */
@BrowserTest
class PhpAndNodeJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final String PHP_SITE = "php-e2e";

	private static final String NODE_SITE = "node-e2e";

	private static final String INDEX_PHP = "<?php echo 'sum=', 6 * 7, ' uid=', posix_getuid(), ' site=', "
			+ "getenv('DIRECTOR_SITE_NAME'), \"\\n\";\n";

	private static final String SERVER_JS = """
			const http = require('http');
			http.createServer((request, response) => {
			  response.writeHead(200, { 'Content-Type': 'text/plain' });
			  response.end('node says ' + (6 * 7) + ' on ' + process.env.PORT + ' ' + process.version + '\\n');
			}).listen(Number(process.env.PORT), process.env.HOST);
			console.log('node server listening');
			""";

	private static final String RUN = """
			#!/bin/sh
			cd "$(dirname "$0")"
			exec node server.js
			""";

	@BeforeAll
	static void start() throws Exception {
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent("pat", "pat-password-1");
		JOURNEY.portal().logOut();
		JOURNEY.portal().logIn("pat", "pat-password-1");
	}

	/** Creates a site in the browser, to be removed after the journey, and returns its id. */
	private static long createSite(String name, String type, String runtime) {
		long id = JOURNEY.portal().createSite(name, type, runtime);
		return id;
	}

	/** Clicks "Edit files" and waits for the editor's address. */
	private static void openEditor() {
		JOURNEY.browser().findElement(By.id("edit-files")).click();
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.urlMatches("/sites/\\d+/files$"));
	}

	/**
	 * What the browser says of the page: whether it finished loading, whether CodeMirror (without which the editor's
	 * script does nothing, as the screenshot of a failed run looked) is there, and each resource it fetched with its
	 * time, so that a stalled one shows.
	 */
	private static String pageState() {
		try {
			return String.valueOf(((JavascriptExecutor) JOURNEY.browser()).executeScript(
					"return 'readyState=' + document.readyState + ', CodeMirror=' + (typeof window.CodeMirror)"
							+ " + ', loaded=' + document.getElementById('file-editor').classList.contains('loaded')"
							+ " + ', resources: ' + performance.getEntriesByType('resource').map(function (r) {"
							+ " return r.name.replace(location.origin, '') + ' ' + Math.round(r.duration) + ' ms'; })"
							+ ".join('; ');"));
		}
		catch (RuntimeException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	@Test
	void aPhpSitesIndexPhpWrittenInTheEditorRunsThroughTheRouter() throws Exception {
		long id = createSite(PHP_SITE, "php", null);
		assertThat(JOURNEY.browser().findElement(By.id("site-type")).getText()).isEqualTo("PHP");
		assertThat(JOURNEY.browser().findElements(By.id("runtime"))).isEmpty();
		assertThat(JOURNEY.browser().findElement(By.id("process")).isDisplayed()).as("the process card").isTrue();
		assertThat(JOURNEY.browser().findElement(By.id("process-help")).isDisplayed()).as("the run.sh help").isFalse();

		openEditor();
		// The tree is drawn by the editor's script, so once it shows the site's files the buttons work too.
		try {
			JOURNEY.portal().waitUpTo(FILES).until(ExpectedConditions.presenceOfElementLocated(
					By.cssSelector("#file-tree .tree-entry[data-path=\"public/index.html\"]")));
		}
		catch (TimeoutException ex) {
			// Seen three times in full runs and never alone, the last time with the page as if the editor's script never
			// ran: say what the editor showed and what the browser loaded, to find out why.
			Browser.screenshot(JOURNEY.browser(), "php-editor-without-tree");
			throw new AssertionError("the editor at " + JOURNEY.browser().getCurrentUrl() + " showed no tree within "
					+ FILES.toSeconds() + " s; its error: \"" + JOURNEY.browser().findElement(By.id("file-error")).getText()
					+ "\", its status: \""
					+ JOURNEY.browser().findElement(By.id("editor-status")).getText() + "\", its tree: \""
					+ JOURNEY.browser().findElement(By.id("file-tree")).getText() + "\"; the page: " + pageState(), ex);
		}
		JOURNEY.browser().findElement(By.id("new-file")).click();
		WebElement dialog = JOURNEY.portal().waitUpTo(PAGE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("file-dialog")));
		WebElement input = dialog.findElement(By.id("file-dialog-input"));
		input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		input.sendKeys("public/index.php");
		dialog.findElement(By.id("file-dialog-ok")).click();
		By tab = By.cssSelector("#tabs .file-tab[data-path=\"public/index.php\"]");
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.attributeContains(tab, "class", "active"));
		JOURNEY.browser().executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", INDEX_PHP);
		JOURNEY.browser().findElement(By.cssSelector(".CodeMirror textarea")).sendKeys(Keys.chord(Keys.CONTROL, "s"));
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.not(ExpectedConditions.attributeContains(tab, "class", "dirty")));
		assertThat(Files.readString(JOURNEY.platform().data.resolve("sites/" + id + "/public/index.php"))).isEqualTo(INDEX_PHP);

		// index.php comes before the site's first index.html, and what it prints is computed by php-fpm as the site's
		// own uid.
		assertThat(JOURNEY.answers().await(PHP_SITE, "/", "sum=42").body()).contains("sum=42 uid=" + SiteUsers.uid(id) + " site=" + PHP_SITE)
			.doesNotContain("<?php");
	}

	@Test
	void aNodeSitesRunScriptStartsItsServerThroughTheRouter() throws Exception {
		long id = createSite(NODE_SITE, "dynamic", "node");

		JOURNEY.platform().writeSiteFiles(id, Map.of("server.js", SERVER_JS, "run.sh", RUN));
		JOURNEY.portal().restart(id);

		assertThat(JOURNEY.answers().await(NODE_SITE, "/", "node says 42").body()).contains("node says 42 on 8080 v");
		JOURNEY.portal().waitUpTo(PROCESS).until(ExpectedConditions.textToBePresentInElementLocated(By.id("process-log"),
				"node server listening"));
	}

}
