package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Portal.FILES;
import static edu.tjhsst.director.e2e.Portal.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * A student edits a site in the browser, end to end: the editor writes through the manager and the real
 * orchestrator to the site's directory, the router serves what was saved, and changes made on disk show up
 * in the open editor's tree without a reload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
class FileEditorJourneyTests {

	@RegisterExtension
	static final Journey JOURNEY = new Journey();

	private static final String SITE = "files-e2e";

	private static long siteId;

	/**
	 * Clicks a tree entry, finding it afresh if the live tree re-rendered it between finding and clicking, as it
	 * does whenever the site's files change.
	 */
	private static void clickEntry(String path) {
		JOURNEY.portal().waitUpTo(PAGE).ignoring(StaleElementReferenceException.class).withMessage("a click on " + path)
			.until(driver -> {
				driver.findElement(entry(path)).click();
				return true;
			});
	}

	private static By entry(String path) {
		return By.cssSelector("#file-tree .tree-entry[data-path=\"" + path + "\"]");
	}

	private static By tab(String path) {
		return By.cssSelector("#tabs .file-tab[data-path=\"" + path + "\"]");
	}

	/** Answers the editor's dialog: replaces its input's text when given, then presses its OK button. */
	private static void answerDialog(String text) {
		WebElement dialog = JOURNEY.portal().waitUpTo(PAGE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("file-dialog")));
		if (text != null) {
			WebElement input = dialog.findElement(By.id("file-dialog-input"));
			input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
			input.sendKeys(text);
		}
		dialog.findElement(By.id("file-dialog-ok")).click();
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.invisibilityOfElementLocated(By.id("file-dialog")));
	}

	private static String editorText() {
		return (String) JOURNEY.browser().executeScript("return document.querySelector('.CodeMirror').CodeMirror.getValue();");
	}

	private static void pressCtrlS() {
		JOURNEY.browser().findElement(By.cssSelector(".CodeMirror textarea")).sendKeys(Keys.chord(Keys.CONTROL, "s"));
	}

	private static Path siteDir() {
		return JOURNEY.platform().data.resolve("sites").resolve(Long.toString(siteId));
	}

	@Test
	@Order(1)
	void aStudentOpensTheEditorOfANewSite() throws Exception {
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent("fern", "fern-password-1");
		JOURNEY.portal().logOut();

		JOURNEY.portal().logIn("fern", "fern-password-1");
		siteId = JOURNEY.portal().createSite(SITE, "static", null);

		Instant clicked = Instant.now();
		JOURNEY.browser().findElement(By.id("edit-files")).click();
		JOURNEY.portal().waitUpTo(FILES).until(ExpectedConditions.presenceOfElementLocated(entry("public/index.html")));
		System.out.printf("editor open with its tree in %d ms%n", Duration.between(clicked, Instant.now()).toMillis());
		assertThat(JOURNEY.browser().findElement(entry("public/index.html")).getDomAttribute("title")).contains("mode");
		assertThat(JOURNEY.browser().findElement(By.id("usage")).getText()).startsWith("Using");
		JOURNEY.portal().screenshot("editor-1-opened");
	}

	@Test
	@Order(2)
	void aNewFileTypedAndSavedWithCtrlSIsServedThroughTheRouter() throws Exception {
		JOURNEY.browser().findElement(By.id("new-file")).click();
		answerDialog("public/hello.html");
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.attributeContains(tab("public/hello.html"), "class", "active"));
		JOURNEY.browser().executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);",
				"<h1>Hello from the editor</h1>\n");
		assertThat(JOURNEY.browser().findElement(tab("public/hello.html")).getDomAttribute("class")).contains("dirty");
		pressCtrlS();
		JOURNEY.portal().waitUpTo(PAGE)
			.until(ExpectedConditions.not(ExpectedConditions.attributeContains(tab("public/hello.html"), "class", "dirty")));
		assertThat(JOURNEY.browser().findElement(By.id("editor-status")).getText()).startsWith("Saved public/hello.html");
		JOURNEY.portal().screenshot("editor-2-saved");

		Http.Response page = Http.get(JOURNEY.platform().sitesPort, SITE + ".sites.localhost", "/hello.html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Hello from the editor");
	}

	@Test
	@Order(3)
	void savingOverAChangeMadeOnDiskAsksWhatToDo() throws Exception {
		Files.writeString(siteDir().resolve("public/hello.html"), "<h1>Changed in a terminal</h1>\n");
		JOURNEY.browser().executeScript("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0]);", "mine\n");
		pressCtrlS();
		WebElement conflict = JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
		assertThat(conflict.getText()).contains("changed on disk since you opened it");
		JOURNEY.portal().screenshot("editor-3-conflict");
		assertThat(Files.readString(siteDir().resolve("public/hello.html"))).contains("Changed in a terminal");
		JOURNEY.browser().findElement(By.id("conflict-reload")).click();
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.invisibilityOfElementLocated(By.id("conflict")));
		assertThat(editorText()).contains("Changed in a terminal");
	}

	@Test
	@Order(4)
	void twoUploadedFilesCanBeRenamedAndDeleted() throws Exception {
		Path dir = Files.createTempDirectory("editor-uploads");
		Path first = Files.writeString(dir.resolve("first.txt"), "first upload");
		Path second = Files.writeString(dir.resolve("second.css"), "body { color: teal; }");
		JOURNEY.browser().findElement(By.id("upload-input")).sendKeys(first + "\n" + second);
		JOURNEY.portal().waitUpTo(FILES).until(ExpectedConditions.presenceOfElementLocated(entry("public/first.txt")));
		JOURNEY.portal().waitUpTo(FILES).until(ExpectedConditions.presenceOfElementLocated(entry("public/second.css")));
		assertThat(Files.readString(siteDir().resolve("public/second.css"))).contains("teal");

		clickEntry("public/first.txt");
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.attributeContains(tab("public/first.txt"), "class", "active"));
		JOURNEY.browser().findElement(By.id("rename")).click();
		answerDialog("public/renamed.txt");
		JOURNEY.portal().waitUpTo(FILES).until(ExpectedConditions.presenceOfElementLocated(entry("public/renamed.txt")));
		assertThat(JOURNEY.browser().findElements(entry("public/first.txt"))).isEmpty();
		assertThat(JOURNEY.browser().findElements(tab("public/renamed.txt"))).hasSize(1);

		clickEntry("public/second.css");
		JOURNEY.browser().findElement(By.id("delete")).click();
		answerDialog(null);
		JOURNEY.portal().waitUpTo(FILES).until(ExpectedConditions.numberOfElementsToBe(entry("public/second.css"), 0));
		assertThat(siteDir().resolve("public/second.css")).doesNotExist();
		JOURNEY.portal().screenshot("editor-4-uploaded");
	}

	@Test
	@Order(5)
	void theSiteDownloadsAsAZipWithTheBrowsersSession() throws Exception {
		HttpResponse<byte[]> zip = JOURNEY.portal().download("/sites/" + siteId + "/files/zip?path=public");
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(zip.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + SITE + "-public.zip\"");
		List<String> names = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
			for (ZipEntry item = in.getNextEntry(); item != null; item = in.getNextEntry()) {
				names.add(item.getName());
			}
		}
		assertThat(names).anyMatch(name -> name.endsWith("hello.html"))
			.anyMatch(name -> name.endsWith("renamed.txt"))
			.anyMatch(name -> name.endsWith("index.html"))
			.noneMatch(name -> name.endsWith("second.css"));
	}

	@Test
	@Order(6)
	void filesWrittenOnDiskAppearInTheOpenTreeAndAFullFolderIsDeletedAfterAConfirmation() throws Exception {
		JOURNEY.browser().executeScript("window.editorWasNotReloaded = true;");
		Path folder = Files.createDirectories(siteDir().resolve("public/old"));
		Files.writeString(folder.resolve("notes.txt"), "from outside the editor");
		Instant written = Instant.now();
		JOURNEY.portal().waitUpTo(FILES).until(ExpectedConditions.presenceOfElementLocated(entry("public/old/notes.txt")));
		System.out.printf("a file written on disk appeared in the open tree after %d ms%n",
				Duration.between(written, Instant.now()).toMillis());
		assertThat(JOURNEY.browser().executeScript("return window.editorWasNotReloaded === true;")).isEqualTo(true);
		assertThat(JOURNEY.browser().findElements(tab("public/hello.html"))).as("open tabs survive").hasSize(1);

		clickEntry("public/old");
		JOURNEY.browser().findElement(By.id("delete")).click();
		WebElement dialog = JOURNEY.portal().waitUpTo(PAGE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("file-dialog")));
		assertThat(dialog.findElement(By.id("file-dialog-message")).getText()).contains("public/old")
			.contains("everything in it");
		JOURNEY.portal().screenshot("editor-5-confirm-delete");
		answerDialog(null);
		JOURNEY.portal().waitUpTo(FILES).until(ExpectedConditions.numberOfElementsToBe(entry("public/old"), 0));
		assertThat(folder).doesNotExist();
	}

}
