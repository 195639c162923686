package edu.tjhsst.director.manager.database;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Runs a site owner's SQL as the site's own database user, never as the admin, with a statement timeout and a row
 * cap. (CONTRACT STUB: the db-engines helper implements it.)
 */
@Component
public class SqlConsole {

	/**
	 * Runs the text (one statement or several) in the site's database and returns every result it gave.
	 * A server error is returned as {@link ConsoleResult#error()}, not thrown.
	 * @throws DatabaseException only when the text is too long to run
	 */
	public ConsoleResult run(DatabaseHost host, SiteDatabase database, String sql) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * What a run gave.
	 * @param blocks each result in order: a table of rows, or a count of changed rows
	 * @param error the server's message when a statement failed (the blocks before it are kept), or null
	 * @param millis how long it took
	 */
	public record ConsoleResult(List<Block> blocks, String error, long millis) {
	}

	/**
	 * One result.
	 * @param columns the column labels, empty for a statement without rows
	 * @param rows the rows as text, at most the row cap ("NULL" shown as null in the list)
	 * @param truncated whether there were more rows than the cap
	 * @param updateCount the changed rows for a statement without rows, or -1
	 */
	public record Block(List<String> columns, List<List<String>> rows, boolean truncated, long updateCount) {
	}

}
