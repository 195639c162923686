package edu.tjhsst.director.manager.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edu.tjhsst.director.manager.database.SqlConsole.Block;
import edu.tjhsst.director.manager.database.SqlConsole.ConsoleResult;

/**
 * The SQL console on a real server, as a site's owner uses it: as the site's own user, with a 2 second timeout and a
 * cap of 100 rows. Each engine's class says how its server is reached and spells its own SQL.
 */
abstract class SqlConsoleTests {

	static final int TIMEOUT_SECONDS = 2;

	static final int ROW_CAP = 100;

	final DatabaseNames names = new DatabaseNames(TestDatabases.runPrefix());

	final SqlConsole console = new SqlConsole(TIMEOUT_SECONDS, ROW_CAP);

	DatabaseHost host;

	SiteDatabase database;

	/** A directory of the manager's machine, as its secrets directory would be. */
	@TempDir
	Path hostFiles;

	/** What {@link #secretFile()} holds, which no result may show. */
	final String secret = "not-for-sites-" + names.newPassword();

	abstract DatabaseHost host();

	abstract DatabaseAdmin admin();

	/** The site user as the server names it for {@code currentUser()}. */
	abstract String expectedCurrentUser(String username);

	/** The user's name as the server says it. */
	abstract String currentUser();

	/** A statement that sleeps for a minute. */
	abstract String sleepAMinute();

	/** A statement that makes a database, which a site's user may not. */
	List<String> adminStatements() {
		return List.of("create database " + names.forSite(999_999));
	}

	/** How the server spells a syntax error. */
	abstract String syntaxErrorMessage();

	/** A one-row query of a 5000-character text and the two bytes 0xCAFE. */
	abstract String longTextAndBytes();

	@BeforeEach
	void makeTheSitesDatabase() {
		host = host();
		String name = names.forSite(1);
		String password = names.newPassword();
		admin().ensureDatabase(host, name, name, password);
		database = new SiteDatabase(1, host.id(), name, name, password, SiteDatabase.Status.READY, Instant.now());
	}

	@AfterEach
	void dropTheSitesDatabase() {
		admin().dropDatabase(host, database.name(), database.username());
	}

	@Test
	void itRunsAsTheSitesOwnUser() {
		ConsoleResult result = console.run(host, database, currentUser());

		assertThat(result.error()).isNull();
		assertThat(result.blocks()).singleElement()
			.satisfies(block -> assertThat(block.rows()).containsExactly(List.of(expectedCurrentUser(database.name()))));
	}

	@Test
	void rowsComeAsATableWithTheColumnLabelsAndNullAsNull() {
		ConsoleResult result = console.run(host, database, "select 1 as one, 'two' as two, null as three");

		assertThat(result.error()).isNull();
		Block block = result.blocks().get(0);
		assertThat(block.columns()).containsExactly("one", "two", "three");
		assertThat(block.rows()).containsExactly(Arrays.asList("1", "two", null));
		assertThat(block.truncated()).isFalse();
		assertThat(block.updateCount()).isEqualTo(-1);
	}

	@Test
	void severalStatementsGiveOneBlockEachAndAnInsertCountsItsRows() {
		ConsoleResult result = console.run(host, database,
				"create table notes (id int, text varchar(20)); insert into notes values (1, 'a'), (2, 'b');"
						+ " select text from notes order by id");

		assertThat(result.error()).isNull();
		assertThat(result.blocks()).hasSize(3);
		assertThat(result.blocks().get(0).columns()).isEmpty();
		assertThat(result.blocks().get(1).updateCount()).isEqualTo(2);
		assertThat(result.blocks().get(2).rows()).containsExactly(List.of("a"), List.of("b"));
		assertThat(console.run(host, database, "select count(*) from notes").blocks().get(0).rows())
			.containsExactly(List.of("2"));
	}

	@Test
	void anErrorKeepsTheResultsOfTheStatementsBeforeIt() {
		ConsoleResult result = console.run(host, database,
				"create table kept (id int); insert into kept values (7); select * from no_such_table; select 1");

		assertThat(result.blocks()).hasSize(2);
		assertThat(result.blocks().get(1).updateCount()).isEqualTo(1);
		assertThat(result.error()).contains("no_such_table");
		assertThat(console.run(host, database, "select id from kept").blocks().get(0).rows())
			.containsExactly(List.of("7"));
	}

	@Test
	void aSyntaxErrorGivesTheServersOwnMessage() {
		ConsoleResult result = console.run(host, database, "selec 1");

		assertThat(result.blocks()).isEmpty();
		assertThat(result.error()).contains(syntaxErrorMessage());
	}

	@Test
	void theRowCapHoldsAndSaysTheResultWasCut() {
		console.run(host, database, "create table digits (d int)");
		console.run(host, database, "insert into digits values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");

		ConsoleResult tenThousand = console.run(host, database,
				"select a.d * 1000 + b.d * 100 + c.d * 10 + e.d as n from digits a, digits b, digits c, digits e");
		ConsoleResult exactlyTheCap = console.run(host, database, "select a.d from digits a, digits b");

		assertThat(tenThousand.error()).isNull();
		assertThat(tenThousand.blocks().get(0).rows()).hasSize(ROW_CAP);
		assertThat(tenThousand.blocks().get(0).truncated()).isTrue();
		assertThat(exactlyTheCap.blocks().get(0).rows()).hasSize(ROW_CAP);
		assertThat(exactlyTheCap.blocks().get(0).truncated()).isFalse();
	}

	@Test
	void theTimeoutEndsASleepingStatementWithAnError() {
		Instant start = Instant.now();

		ConsoleResult result = console.run(host, database, sleepAMinute());

		Duration took = Duration.between(start, Instant.now());
		assertThat(result.error()).isNotBlank();
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(TIMEOUT_SECONDS)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void statementsOnlyAnAdminMayRunAreRefused() {
		for (String sql : adminStatements()) {
			assertThat(console.run(host, database, sql).error()).as(sql).containsIgnoringCase("denied");
		}
	}

	@Test
	void longTextIsCutAtAThousandCharactersAndBytesShownInHex() {
		ConsoleResult result = console.run(host, database, longTextAndBytes());

		assertThat(result.error()).isNull();
		List<String> row = result.blocks().get(0).rows().get(0);
		assertThat(row.get(0)).hasSize(1000).startsWith("aaaa").endsWith("a…");
		assertThat(row.get(1)).isEqualToIgnoringCase("0xcafe");
	}

	@Test
	void aWrongPasswordIsAnErrorInTheResult() {
		SiteDatabase stale = new SiteDatabase(1, host.id(), database.name(), database.username(), names.newPassword(),
				SiteDatabase.Status.READY, Instant.now());

		ConsoleResult result = console.run(host, stale, "select 1");

		assertThat(result.blocks()).isEmpty();
		assertThat(result.error()).isNotBlank().doesNotContain(stale.password());
	}

	/**
	 * A file of the manager's machine holding {@link #secret}, as the orchestrator's key would. Everyone may read it
	 * (and its directory), so that only the driver's and the servers' rules keep it from a site, not its mode.
	 */
	Path secretFile() throws IOException {
		Files.setPosixFilePermissions(hostFiles, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path file = Files.writeString(hostFiles.resolve("orchestrator.key"), secret + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		return file;
	}

	/** Runs the SQL, which the server (or driver) must refuse with the message and without a word of the secret. */
	void assertRefused(String sql, String message) {
		ConsoleResult result = console.run(host, database, sql);

		assertThat(result.error()).as(sql).contains(message).doesNotContain(secret).doesNotContain("\tat ");
		assertThat(result.blocks()).as(sql).isEmpty();
	}

	/** The rows a query gives. */
	List<List<String>> rows(String sql) {
		ConsoleResult result = console.run(host, database, sql);
		assertThat(result.error()).as(sql).isNull();
		return result.blocks().get(0).rows();
	}

	@Test
	void sqlLongerThanAHundredThousandCharactersIsRefused() {
		String sql = "select 1" + " ".repeat(100_000);

		assertThatThrownBy(() -> console.run(host, database, sql)).isInstanceOf(DatabaseException.class)
			.hasMessage("The SQL is longer than 100,000 characters.");
	}

}
