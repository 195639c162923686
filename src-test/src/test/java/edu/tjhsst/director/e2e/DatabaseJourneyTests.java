package edu.tjhsst.director.e2e;

import static edu.tjhsst.director.e2e.Portal.PAGE;
import static edu.tjhsst.director.e2e.Portal.STATEMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import edu.tjhsst.director.common.testing.BrowserTest;

/**
 * Sites' databases, end to end: the administrator finds the embedded PostgreSQL registered and adds the machine's
 * MariaDB as a host; a student creates a database for a running Python site, which then writes and reads a row
 * through its {@code DATABASE_URL}; revealing, regenerating (the old password is refused, the app keeps working), the
 * SQL console and deleting (the app loses its database, the credentials are refused) on PostgreSQL, and the same
 * write and read on MariaDB.
 */
@BrowserTest
class DatabaseJourneyTests {

	/** The forwarder's port, which the platform's firewall is told to let sites reach, as an operator would. */
	private static final int FORWARDER_PORT = Host.freePort();

	@RegisterExtension
	static final Journey JOURNEY = new Journey(
			Map.of("DIRECTOR_SITES_HOST_PORTS", Integer.toString(FORWARDER_PORT)));

	private static final String STUDENT = "robin";

	private static final String STUDENT_PASSWORD = "robin-password-1";

	/** {@code scheme://user:password@host:port/name}, as the page reveals it. */
	private static final Pattern URL = Pattern.compile("^(postgres|mysql)://([a-z0-9_]+):([A-Za-z0-9]+)@([^:/]+):(\\d+)/"
			+ "([a-z0-9_]+)$");

	private static String gateway;

	private static TcpForwarder forwarder;

	@BeforeAll
	static void start() throws Exception {
		gateway = Host.bridgeGateway();
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.portal().createStudent(STUDENT, STUDENT_PASSWORD);
		JOURNEY.portal().logOut();
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			if (forwarder != null) {
				forwarder.close();
			}
		}
		finally {
			if (JOURNEY.platform() != null) {
				MachineMariadb.dropEverythingStartingWith(JOURNEY.platform().siteDatabasePrefix);
			}
		}
	}

	@Test
	void aStudentsPythonSiteUsesAPostgresqlDatabaseThroughItsLifecycle() throws Exception {
		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/admin/database-hosts");
		assertThat(JOURNEY.browser().findElement(By.id("database-hosts")).getText()).contains("Embedded PostgreSQL");
		JOURNEY.portal().screenshot("database-1-hosts");
		JOURNEY.portal().logOut();

		JOURNEY.portal().logIn(STUDENT, STUDENT_PASSWORD);
		String site = "pg-e2e";
		long id = NotesApp.createSite(JOURNEY, site);
		assertThat(JOURNEY.answers().await(site, "/", "no database").body()).startsWith("no database");

		JOURNEY.portal().createDatabase(id, "Embedded PostgreSQL");
		int rows = NotesApp.rowCount(JOURNEY.answers().await(site, "/", "row: written by " + site + " on postgres").body());

		// The URL is shown masked, and in full once its owner asks.
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + id + "/database");
		assertThat(JOURNEY.browser().findElement(By.id("database-status")).getText()).isEqualTo("Ready");
		String masked = JOURNEY.browser().findElement(By.id("database-url")).getText();
		assertThat(masked).startsWith("postgres://").contains(":********@");
		Matcher first = reveal();
		assertThat(first.group(1)).isEqualTo("postgres");
		String user = first.group(2);
		String oldPassword = first.group(3);
		String name = first.group(6);
		assertThat(user).isEqualTo(JOURNEY.platform().siteDatabasePrefix + id).isEqualTo(name);
		assertThat(first.group(4)).as("the sites' address of the embedded PostgreSQL").isEqualTo(gateway);
		assertThat(Integer.parseInt(first.group(5))).isEqualTo(JOURNEY.platform().siteDatabasePort);
		assertThat(masked).isEqualTo(first.group(0).replace(":" + oldPassword + "@", ":********@"));
		assertThat(JOURNEY.browser().findElement(By.id("database-parts")).getText()).contains(user).doesNotContain(oldPassword);
		try (Connection connection = postgres(name, user, oldPassword)) {
			assertThat(connection.isValid(5)).isTrue();
		}
		JOURNEY.portal().screenshot("database-2-revealed");

		// A new password: the old one is refused, and the app, updated with the new one, keeps writing.
		JOURNEY.browser().findElement(By.id("regenerate-password-button")).click();
		JOURNEY.portal().awaitOperation(id, "Regenerate database password");
		assertThatThrownBy(() -> postgres(name, user, oldPassword).close()).isInstanceOf(SQLException.class)
			.hasMessageContaining("password authentication failed");
		int after = NotesApp.awaitRowsAbove(JOURNEY, site, "row: written by " + site + " on postgres", rows);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + id + "/database");
		String newPassword = reveal().group(3);
		assertThat(newPassword).isNotEqualTo(oldPassword);
		try (Connection connection = postgres(name, user, newPassword); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM journey_notes")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isGreaterThanOrEqualTo(after);
		}

		// The SQL console runs as the site's own user and shows the rows as a table.
		JOURNEY.browser().findElement(By.id("sql-console-link")).click();
		WebElement sql = JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("sql")));
		String query = "select note from journey_notes";
		sql.sendKeys(query);
		JOURNEY.browser().findElement(By.id("run-sql")).click();
		WebElement table = JOURNEY.portal().waitUpTo(STATEMENT)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.sql-result")));
		assertThat(table.findElement(By.tagName("th")).getText()).isEqualTo("note");
		assertThat(table.getText()).contains("written by " + site + " on postgres");
		assertThat(JOURNEY.browser().findElement(By.id("sql")).getDomProperty("value")).isEqualTo(query);
		assertThat(JOURNEY.browser().findElement(By.id("sql-elapsed")).getText()).isNotBlank();
		JOURNEY.browser().findElement(By.id("sql")).clear();
		JOURNEY.browser().findElement(By.id("sql")).sendKeys("select * from no_such_table");
		JOURNEY.browser().findElement(By.id("run-sql")).click();
		assertThat(JOURNEY.portal().waitUpTo(STATEMENT).until(ExpectedConditions.visibilityOfElementLocated(By.id("sql-error")))
			.getText()).contains("no_such_table");
		JOURNEY.portal().screenshot("database-3-console");

		// "Download a copy" on the site's page: its files and its database's rows, dumped with the new password.
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + id);
		String link = JOURNEY.browser().findElement(By.id("download-copy")).getDomAttribute("href");
		HttpResponse<byte[]> copy = JOURNEY.portal().download(link);
		assertThat(copy.statusCode()).isEqualTo(200);
		assertThat(copy.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
				assertThat(disposition).startsWith("attachment; filename=\"" + site + "-copy-").endsWith(".zip\""));
		Map<String, String> entries = unzip(copy.body());
		assertThat(entries).containsKeys("README.txt", "files/app.py", "files/run.sh");
		assertThat(entries.get("database.sql")).contains("CREATE TABLE public.journey_notes")
			.contains("written by " + site + " on postgres").doesNotContain(newPassword);

		// Deleting needs the site's name; then the app has no database and the credentials are refused.
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + id + "/database");
		JOURNEY.browser().findElement(By.id("delete-confirm")).sendKeys("not-" + site);
		JOURNEY.browser().findElement(By.id("delete-database-button")).click();
		assertThat(JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("database-error")))
			.getText()).isNotBlank();
		assertThat(JOURNEY.browser().findElement(By.id("database-status")).getText()).isEqualTo("Ready");
		JOURNEY.browser().findElement(By.id("delete-confirm")).clear();
		JOURNEY.browser().findElement(By.id("delete-confirm")).sendKeys(site);
		JOURNEY.browser().findElement(By.id("delete-database-button")).click();
		JOURNEY.portal().awaitOperation(id, "Delete database");
		assertThat(JOURNEY.answers().await(site, "/", "no database").body()).startsWith("no database");
		assertThatThrownBy(() -> postgres(name, user, newPassword).close()).isInstanceOf(SQLException.class);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + id + "/database");
		assertThat(JOURNEY.browser().findElements(By.id("create-database"))).as("the create form after deleting").hasSize(1);
		JOURNEY.portal().screenshot("database-4-deleted");
		JOURNEY.portal().logOut();
	}

	@Test
	void anAdministratorAddsTheMachinesMariadbAndAStudentsSiteWritesAndReadsThroughIt() throws Exception {
		// MariaDB here listens on loopback only; the forwarder stands where an operator would set bind-address.
		forwarder = new TcpForwarder(gateway, FORWARDER_PORT, new InetSocketAddress(MachineMariadb.HOST, MachineMariadb.PORT));
		String hostName = "Test MariaDB " + UUID.randomUUID().toString().substring(0, 6);

		JOURNEY.portal().logIn("admin", JOURNEY.platform().adminPassword);
		JOURNEY.browser().get(JOURNEY.platform().portal() + "/admin/database-hosts");
		JOURNEY.browser().findElement(By.id("new-database-host")).click();
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.id("database-host-form")));
		JOURNEY.portal().fillMariadbHostForm(hostName, gateway, forwarder.port());
		JOURNEY.portal().press("test-connection");
		WebElement result = JOURNEY.portal().waitUpTo(STATEMENT)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("connection-result")));
		assertThat(result.getText()).startsWith("Connected");
		assertThat(result.getDomAttribute("class")).contains("alert-success");
		JOURNEY.portal().screenshot("database-5-mysql-host-connected");
		// The form comes back with what was entered; a password field is never filled in again by the server.
		JOURNEY.portal().fillMariadbHostForm(hostName, gateway, forwarder.port());
		JOURNEY.portal().press("save-database-host");
		JOURNEY.portal().waitUpTo(PAGE).until(ExpectedConditions.urlMatches("/admin/database-hosts/?$"));
		assertThat(JOURNEY.browser().findElement(By.id("database-hosts")).getText()).contains(hostName);
		JOURNEY.portal().logOut();

		JOURNEY.portal().logIn(STUDENT, STUDENT_PASSWORD);
		String site = "my-e2e";
		long id = NotesApp.createSite(JOURNEY, site);
		assertThat(JOURNEY.answers().await(site, "/", "no database").body()).startsWith("no database");
		JOURNEY.portal().createDatabase(id, hostName);
		int rows = NotesApp.rowCount(JOURNEY.answers().await(site, "/", "row: written by " + site + " on mysql").body());
		NotesApp.awaitRowsAbove(JOURNEY, site, "row: written by " + site + " on mysql", rows);

		JOURNEY.browser().get(JOURNEY.platform().portal() + "/sites/" + id + "/database");
		Matcher url = reveal();
		assertThat(url.group(1)).isEqualTo("mysql");
		assertThat(url.group(4)).isEqualTo(gateway);
		assertThat(Integer.parseInt(url.group(5))).isEqualTo(forwarder.port());
		String user = url.group(2);
		String password = url.group(3);
		String name = url.group(6);
		try (Connection connection = MachineMariadb.connect(name, user, password); Statement statement = connection.createStatement();
				ResultSet notes = statement.executeQuery("SELECT count(*) FROM journey_notes")) {
			assertThat(notes.next()).isTrue();
			assertThat(notes.getInt(1)).isGreaterThan(rows);
		}
		JOURNEY.portal().screenshot("database-6-mysql-revealed");
		// The site's copy holds its MySQL rows, dumped by mariadb-dump with the site's own user.
		HttpResponse<byte[]> copy = JOURNEY.portal().download("/sites/" + id + "/copy");
		assertThat(copy.statusCode()).isEqualTo(200);
		assertThat(unzip(copy.body()).get("database.sql")).contains("CREATE TABLE `journey_notes`")
			.contains("written by " + site + " on mysql").doesNotContain(password);

		JOURNEY.browser().findElement(By.id("delete-confirm")).sendKeys(site);
		JOURNEY.browser().findElement(By.id("delete-database-button")).click();
		JOURNEY.portal().awaitOperation(id, "Delete database");
		assertThat(JOURNEY.answers().await(site, "/", "no database").body()).startsWith("no database");
		assertThatThrownBy(() -> MachineMariadb.connect(name, user, password).close()).isInstanceOf(SQLException.class);
		JOURNEY.portal().logOut();
	}

	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return entries;
	}

	/** Presses Reveal and returns the full URL the page then shows, parsed. */
	private static Matcher reveal() {
		String url = JOURNEY.portal().revealDatabaseUrl();
		Matcher matcher = URL.matcher(url);
		assertThat(matcher.matches()).as("the revealed URL %s", url).isTrue();
		return matcher;
	}

	private static Connection postgres(String name, String user, String password) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + JOURNEY.platform().siteDatabasePort + "/" + name,
				user, password);
	}

}
